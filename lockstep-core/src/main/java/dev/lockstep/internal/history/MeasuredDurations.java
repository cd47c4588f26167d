package dev.lockstep.internal.history;

import dev.lockstep.AppliedMigration;
import dev.lockstep.internal.state.HistoryKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A migration's duration is measured once, by the runner, around all of its work (waiting for the way to
 * be clear, its statements, its history row, its commit), and that one number is what {@code migrate}
 * prints and what the history keeps. A history row is written inside the migration's transaction,
 * before its end is known, so the run's durations are recorded in its rows afterwards, in one statement.
 */
public final class MeasuredDurations {
    private final HistoryStore history;

    public MeasuredDurations(HistoryStore history) {
        this.history = history;
    }

    /** Sets {@code duration_ms} of the successful rows of run {@code runId} to what the runner measured. */
    public void record(Connection c, String runId, List<AppliedMigration> executed) throws SQLException {
        if (executed.isEmpty()) {
            return;
        }
        int n = executed.size();
        String[] versions = new String[n];
        String[] descriptions = new String[n];
        String[] kinds = new String[n];
        Long[] millis = new Long[n];
        for (int i = 0; i < n; i++) {
            AppliedMigration m = executed.get(i);
            versions[i] = m.version();
            descriptions[i] = m.description();
            kinds[i] = ("down".equals(m.direction()) ? HistoryKind.ROLLBACK
                    : m.version() == null ? HistoryKind.REPEATABLE : HistoryKind.VERSIONED).dbName();
            millis[i] = m.durationMs();
        }
        String sql = "UPDATE " + history.table() + " h SET duration_ms = m.ms FROM unnest(?::text[], ?::text[], "
                + "?::text[], ?::bigint[]) AS m(version, description, kind, ms) WHERE h.run_id = ?::uuid AND h.success "
                + "AND h.kind = m.kind AND h.version IS NOT DISTINCT FROM m.version "
                + "AND (m.version IS NOT NULL OR h.description = m.description)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", versions));
            ps.setArray(2, c.createArrayOf("text", descriptions));
            ps.setArray(3, c.createArrayOf("text", kinds));
            ps.setArray(4, c.createArrayOf("bigint", millis));
            ps.setString(5, runId);
            ps.executeUpdate();
        }
    }
}
