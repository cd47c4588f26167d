package dev.lockstep.internal.state;

import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.Phase;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares the migration files with the history rows and gives each migration its state. Pure. */
public final class Reconciler {

    public List<Reconciled> reconcile(MigrationSet files, List<HistoryRow> rows) {
        Map<MigrationVersion, List<HistoryRow>> byVersion = new TreeMap<>();
        Map<String, List<HistoryRow>> byDescription = new LinkedHashMap<>();
        MigrationVersion baseline = null;
        HistoryRow baselineRow = null;
        for (HistoryRow r : rows) {
            if (r.kind() == HistoryKind.BASELINE && r.success()) {
                baseline = MigrationVersion.parse(r.version());
                baselineRow = r;
            } else if (r.kind() == HistoryKind.REPEATABLE) {
                byDescription.computeIfAbsent(r.description(), k -> new ArrayList<>()).add(r);
            } else if (r.version() != null) {
                byVersion.computeIfAbsent(MigrationVersion.parse(r.version()), k -> new ArrayList<>()).add(r);
            }
        }
        MigrationVersion maxApplied = baseline;
        for (Map.Entry<MigrationVersion, List<HistoryRow>> e : byVersion.entrySet()) {
            HistoryRow success = lastSuccess(e.getValue());
            if (success != null && success.kind().appliesVersion()
                    && (maxApplied == null || e.getKey().compareTo(maxApplied) > 0)) {
                maxApplied = e.getKey();
            }
        }

        List<Reconciled> out = new ArrayList<>();
        if (baselineRow != null) {
            out.add(new Reconciled(null, baselineRow.version(), baselineRow.description(), MigrationState.BASELINE,
                    baselineRow, null));
        }
        for (ResolvedMigration m : files.versioned()) {
            List<HistoryRow> history = byVersion.remove(m.version());
            out.add(versioned(m, history, baseline, maxApplied));
        }
        for (Map.Entry<MigrationVersion, List<HistoryRow>> e : byVersion.entrySet()) {
            HistoryRow success = lastSuccess(e.getValue());
            if (success != null && success.kind().appliesVersion()) {
                out.add(new Reconciled(null, success.version(), success.description(), MigrationState.MISSING,
                        success, null));
            }
        }
        Map<String, MigrationVersion> parsed = new java.util.HashMap<>();
        out.sort(Comparator.comparing(r -> parsed.computeIfAbsent(r.version(), MigrationVersion::parse)));
        for (ResolvedMigration m : files.repeatable()) {
            List<HistoryRow> history = byDescription.getOrDefault(m.description(), List.of());
            HistoryRow success = lastSuccess(history);
            HistoryRow failure = failureAfter(history, success);
            MigrationState state = failure != null ? MigrationState.FAILED
                    : success == null ? MigrationState.PENDING
                    : success.checksum().equals(m.checksum()) ? MigrationState.APPLIED : MigrationState.OUTDATED;
            out.add(new Reconciled(m, null, m.description(), state, success, failure));
        }
        return out;
    }

    private static Reconciled versioned(ResolvedMigration m, List<HistoryRow> history, MigrationVersion baseline,
                                        MigrationVersion maxApplied) {
        String v = m.version().text();
        if (history == null || history.isEmpty()) {
            if (baseline != null && m.version().compareTo(baseline) <= 0) {
                return new Reconciled(m, v, m.description(), MigrationState.BELOW_BASELINE, null, null);
            }
            boolean below = maxApplied != null && m.version().compareTo(maxApplied) < 0;
            return new Reconciled(m, v, m.description(), waiting(m) ? MigrationState.WAITING
                    : below ? MigrationState.OUT_OF_ORDER : MigrationState.PENDING, null, null);
        }
        HistoryRow success = lastSuccess(history);
        HistoryRow failure = failureAfter(history, success);
        if (failure != null && failure.kind() == HistoryKind.ROLLBACK && !failure.partial()) {
            // A down script that failed without changing anything leaves the migration as it was before it.
            HistoryRow under = upFailureUnder(history, success);
            failure = under != null ? under : failure;
        }
        boolean applied = success != null && success.kind().appliesVersion();
        MigrationState state;
        if (failure != null && failure.kind() == HistoryKind.ROLLBACK && failure.partial()) {
            state = MigrationState.ROLLBACK_STOPPED;
        } else if (failure != null && failure.kind() == HistoryKind.VERSIONED) {
            state = failure.partial() ? MigrationState.PARTIALLY_APPLIED : MigrationState.FAILED;
        } else if (applied) {
            state = checksumMatches(success, m) ? MigrationState.APPLIED : MigrationState.CHANGED;
        } else {
            state = waiting(m) ? MigrationState.WAITING
                    : maxApplied != null && m.version().compareTo(maxApplied) < 0 ? MigrationState.OUT_OF_ORDER
                    : MigrationState.PENDING;
        }
        return new Reconciled(m, v, m.description(), state, success, failure);
    }

    /**
     * A contract migration not applied waits for its phase; it is not out of order when later migrations ran
     * before it, as expand and contract mean them to.
     */
    private static boolean waiting(ResolvedMigration m) {
        return m.directives() != null && m.directives().phase() == Phase.CONTRACT;
    }

    /** A checksum of another algorithm cannot be compared; it is taken as matching and re-stamped by repair. */
    private static boolean checksumMatches(HistoryRow row, ResolvedMigration m) {
        if (row.checksum() == null || !Checksum.ALGORITHM.equals(row.checksumAlgorithm())) {
            return true;
        }
        return row.checksum().equals(m.checksum());
    }

    private static HistoryRow lastSuccess(List<HistoryRow> rows) {
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).success()) {
                return rows.get(i);
            }
        }
        return null;
    }

    /**
     * The failed up run below the failed rollbacks that changed nothing at the end of the history, or null:
     * a partially applied migration whose rollback failed at its first statement is still partially applied.
     */
    private static HistoryRow upFailureUnder(List<HistoryRow> rows, HistoryRow success) {
        for (int i = rows.size() - 1; i >= 0 && rows.get(i) != success; i--) {
            HistoryRow r = rows.get(i);
            if (r.kind() == HistoryKind.VERSIONED && !r.success()) {
                return r;
            }
            if (r.kind() != HistoryKind.ROLLBACK || r.success() || r.partial()) {
                return null;
            }
        }
        return null;
    }

    private static HistoryRow failureAfter(List<HistoryRow> rows, HistoryRow success) {
        HistoryRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        return last != null && !last.success() && last != success ? last : null;
    }

    /** The highest version counted as applied, or null. */
    public static String currentVersion(List<Reconciled> states) {
        MigrationVersion max = null;
        for (Reconciled r : states) {
            boolean applied = r.version() != null && switch (r.state()) {
                case APPLIED, CHANGED, MISSING, BASELINE, BELOW_BASELINE -> true;
                // Part of its down script ran; it counts as applied until the rollback is finished.
                case ROLLBACK_STOPPED -> r.lastSuccess() != null && r.lastSuccess().kind() == HistoryKind.VERSIONED;
                default -> false;
            };
            if (applied) {
                MigrationVersion v = MigrationVersion.parse(r.version());
                if (max == null || v.compareTo(max) > 0) {
                    max = v;
                }
            }
        }
        return max == null ? null : max.text();
    }
}
