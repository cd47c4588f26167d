package dev.lockstep.lint;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All findings of a lint run, in file and line order, with what was checked. */
public record LintReport(int files, int statements, int pgVersion, List<Violation> violations) {

    public long count(Severity severity) {
        return violations.stream().filter(v -> v.severity() == severity).count();
    }

    /** Findings per rule id, sorted by id. */
    public Map<String, Long> perRule() {
        Map<String, Long> counts = new TreeMap<>();
        violations.forEach(v -> counts.merge(v.rule(), 1L, Long::sum));
        return counts;
    }

    /**
     * Whether any finding is at or above {@code threshold}; null threshold means never. Hints count only
     * for a threshold of {@link Severity#HINT}. An error the gate judged harmless on the target database
     * (its verdict does not block) counts as a warning.
     */
    public boolean failsAt(Severity threshold) {
        return threshold != null && violations.stream().anyMatch(v -> weight(v).compareTo(threshold) <= 0);
    }

    private static Severity weight(Violation v) {
        return v.severity() == Severity.ERROR && !v.blocking() ? Severity.WARNING : v.severity();
    }
}
