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
     * for a threshold of {@link Severity#HINT}.
     */
    public boolean failsAt(Severity threshold) {
        return threshold != null && violations.stream().anyMatch(v -> v.severity().compareTo(threshold) <= 0);
    }
}
