package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import org.junit.jupiter.api.Test;

class LintGateRulesTest {

    /**
     * A down script's finding is judged without the up script's statements: it must be one that blocks
     * whatever the table, or the gate would judge it by a statement of another script.
     */
    @Test
    void everyRuleThatChecksDownScriptsBlocksWhateverTheTable() {
        assertThat(BuiltInRules.all()).filteredOn(Rule::checksDownScripts).extracting(Rule::id)
                .isNotEmpty().allMatch(LintGate.NOT_ABOUT_THE_TABLE::contains);
    }
}
