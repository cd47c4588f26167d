package dev.lockstep.internal.execute;

import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.internal.adopt.HistoryMirror;
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.source.ResolvedMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code keep-history} during one run: the previous tool's table is brought up to the history before the
 * first migration and written after each one, from the runner's own session state (a migration's
 * search_path or role must not decide where that row goes).
 */
final class KeptHistory {
    private final HistoryMirror mirror;
    private final TreeMap<MigrationVersion, ResolvedMigration> applied = new TreeMap<>();

    private KeptHistory(HistoryMirror mirror) {
        this.mirror = mirror;
    }

    /** Null when {@code keep-history} is not set. */
    static KeptHistory start(Connection c, String setting, Plan plan) throws SQLException {
        HistoryMirror mirror = HistoryMirror.of(setting);
        if (mirror == null) {
            return null;
        }
        KeptHistory kept = new KeptHistory(mirror);
        mirror.prepare(c);
        plan.state().states().stream().filter(r -> r.migration() != null && r.migration().version() != null
                        && (r.state() == MigrationState.APPLIED || r.state() == MigrationState.CHANGED
                        || r.state() == MigrationState.BELOW_BASELINE))
                .forEach(r -> kept.applied.put(r.migration().version(), r.migration()));
        mirror.sync(c, List.copyOf(kept.applied.values()));
        return kept;
    }

    /** After {@code item} ran; the session has been reset to the runner's own state. */
    void after(Connection c, PlanItem item) throws SQLException {
        ResolvedMigration m = item.migration();
        if (m.version() == null) {
            return;
        }
        boolean up = item.action() != PlanItem.Action.ROLLBACK;
        if (up) {
            applied.put(m.version(), m);
        } else {
            applied.remove(m.version());
        }
        mirror.record(c, m, up, applied.isEmpty() ? null : applied.lastEntry().getValue());
    }
}
