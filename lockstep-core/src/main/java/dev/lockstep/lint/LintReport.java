package dev.lockstep.lint;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All findings of a lint run, in file and line order, with what was checked. */
public record LintReport(int files, int statements, int pgVersion, List<Violation> violations) {

    // Loops rather than streams here and on the rest of lint's path: a short lint links no lambda
    // (docs/architecture.md, "Start-up of the command-line tool").
    public long count(Severity severity) {
        long n = 0;
        for (Violation v : violations) {
            if (v.severity() == severity) {
                n++;
            }
        }
        return n;
    }

    /** Findings per rule id, sorted by id. */
    public Map<String, Long> perRule() {
        Map<String, Long> counts = new TreeMap<>();
        for (Violation v : violations) {
            Long n = counts.get(v.rule());
            counts.put(v.rule(), n == null ? 1L : n + 1);
        }
        return counts;
    }

    /**
     * Whether any finding is at or above {@code threshold}; null threshold means never. Hints count only
     * for a threshold of {@link Severity#HINT}. An error the gate judged harmless on the target database
     * (its verdict does not block) counts as a warning.
     */
    public boolean failsAt(Severity threshold) {
        if (threshold == null) {
            return false;
        }
        for (Violation v : violations) {
            if (weight(v).compareTo(threshold) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static Severity weight(Violation v) {
        return v.severity() == Severity.ERROR && !v.blocking() ? Severity.WARNING : v.severity();
    }
}
