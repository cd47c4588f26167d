package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

/** Reported by the linter for a {@code -- lockstep:ignore <rule>} without a reason. */
public final class SuppressionWithoutReason extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A lockstep:ignore directive must say why the finding does not apply";
    }

    @Override
    public String why() {
        return "A suppression without a reason cannot be reviewed: the next reader does not know whether the danger "
                + "was understood or just silenced.";
    }

    @Override
    public String instead() {
        return "-- lockstep:ignore require-concurrent-index the table is empty until the feature launches";
    }

    @Override
    public String example() {
        return "-- lockstep:ignore require-concurrent-index\nCREATE INDEX accounts_email ON accounts (email);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        // Found while reading the directives.
    }
}
