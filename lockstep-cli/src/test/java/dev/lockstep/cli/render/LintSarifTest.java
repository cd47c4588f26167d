package dev.lockstep.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Span;
import dev.lockstep.lint.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SARIF log has its keys in a fixed order, so the same findings give the same file on every run. */
class LintSarifTest {
    @Test
    void keysComeInTheOrderWritten() {
        Violation v = new Violation("require-concurrent-index", Severity.ERROR, new Span("V2.sql", 3, 5),
                "CREATE INDEX i ON t (a)", "SHARE on t", "scans the table", "m", "CREATE INDEX CONCURRENTLY ...", "x");
        Map<String, Object> log = LintSarif.of(new LintReport(1, 1, 15, List.of(v)));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = (Map<String, Object>) ((List<Object>) log.get("runs")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) run.get("tool")).get("driver");
        @SuppressWarnings("unchecked")
        Map<String, Object> rule = (Map<String, Object>) ((List<Object>) driver.get("rules")).get(0);
        assertThat(new ArrayList<>(rule.keySet())).containsExactly("id", "shortDescription", "helpUri",
                "defaultConfiguration");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((List<Object>) run.get("results")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) result
                .get("locations")).get(0)).get("physicalLocation");
        assertThat(new ArrayList<>(location.keySet())).containsExactly("artifactLocation", "region");
        @SuppressWarnings("unchecked")
        Map<String, Object> region = (Map<String, Object>) location.get("region");
        assertThat(new ArrayList<>(region.keySet())).containsExactly("startLine", "startColumn");
        assertThat(region).containsEntry("startLine", 3).containsEntry("startColumn", 5);
    }
}
