package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code replica-catch-up}: after a run, waits until every replica in {@code pg_stat_replication} has
 * replayed the primary's WAL up to where it stood when the run ended ({@code pg_current_wal_lsn()}
 * compared with each {@code replay_lsn}), so that a reader of any replica sees the new schema. A replica
 * that does not get there in time (replay paused, or far behind) is an error naming it: the run's
 * changes are committed on the primary, and the caller must not report plain success.
 */
final class ReplicaCatchUp {
    private static final String REPLICAS = "SELECT coalesce(nullif(application_name, ''), 'pid ' || pid), "
            + "coalesce(host(client_addr), 'local socket'), state, replay_lsn::text, "
            + "replay_lsn IS NOT NULL AND replay_lsn >= ?::pg_lsn, pg_wal_lsn_diff(?::pg_lsn, replay_lsn) "
            + "FROM pg_stat_replication WHERE state IS DISTINCT FROM 'backup' ORDER BY 1";

    private final Connection c;
    private final Duration limit;
    private final Sleeper sleeper;
    private final RunListener listener;

    ReplicaCatchUp(Connection c, Duration limit, Sleeper sleeper, RunListener listener) {
        this.c = c;
        this.limit = limit;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** A replica, as the primary sees it. */
    record Replica(String name, String address, String state, String replayLsn, boolean caughtUp, Long behindBytes) {
        String describe() {
            return name + " (" + address + ", " + (state == null ? "state hidden" : state) + ", replayed up to "
                    + (replayLsn == null ? "an unknown position" : replayLsn)
                    + (behindBytes == null || caughtUp ? "" : ", " + behindBytes + " bytes behind") + ")";
        }
    }

    /**
     * Before anything runs: the replicas' positions must be visible to this role, or the wait could
     * never tell; refused with the privilege that shows them.
     */
    static void checkVisible(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FILTER (WHERE state IS NULL) FROM pg_stat_replication")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                throw new LockstepException(ErrorCode.CONFIG, "replica-catch-up is set, but this role cannot see "
                        + "the replicas' replay positions in pg_stat_replication; nothing was applied",
                        "GRANT pg_monitor (or pg_read_all_stats) TO the migrating role, or set replica-catch-up = 0");
            }
        }
    }

    /** Waits; returns the line that says so. */
    String await(String doneSummary) throws SQLException {
        String lsn;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            lsn = rs.getString(1);
        }
        long start = sleeper.nanoTime();
        long deadline = start + limit.toNanos();
        long pause = 50;
        boolean announced = false;
        while (true) {
            List<Replica> replicas = replicas(lsn);
            List<Replica> behind = replicas.stream().filter(r -> !r.caughtUp()).toList();
            Duration took = Duration.ofNanos(sleeper.nanoTime() - start);
            if (replicas.isEmpty()) {
                return "replica-catch-up: no replicas in pg_stat_replication, nothing to wait for";
            }
            if (behind.isEmpty()) {
                return replicas.size() + (replicas.size() == 1 ? " replica" : " replicas") + " replayed the run's "
                        + "last change (WAL " + lsn + ") in " + Durations.format(took) + ": "
                        + String.join(", ", replicas.stream().map(Replica::name).toList());
            }
            if (sleeper.nanoTime() >= deadline) {
                throw behind(lsn, behind, doneSummary);
            }
            if (!announced) {
                listener.notice("waiting up to " + Durations.format(limit) + " (replica-catch-up) for " + behind.size()
                        + " of " + replicas.size() + " replicas to replay up to WAL " + lsn);
                announced = true;
            }
            sleeper.sleep(Math.min(pause, Math.max(1, (deadline - sleeper.nanoTime()) / 1_000_000)));
            pause = Math.min(1000, pause * 2);
        }
    }

    private List<Replica> replicas(String lsn) throws SQLException {
        List<Replica> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(REPLICAS)) {
            ps.setString(1, lsn);
            ps.setString(2, lsn);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long behind = rs.getLong(6);
                    out.add(new Replica(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.wasNull() ? null : behind));
                }
            }
        }
        return out;
    }

    private LockstepException behind(String lsn, List<Replica> behind, String doneSummary) {
        StringBuilder msg = new StringBuilder(doneSummary).append(", but ").append(behind.size())
                .append(behind.size() == 1 ? " replica has" : " replicas have").append(" not replayed the run's last ")
                .append("change (WAL ").append(lsn).append(") within ").append(Durations.format(limit))
                .append(" (setting replica-catch-up):");
        for (Replica r : behind) {
            msg.append("\n  ").append(r.describe());
        }
        return new LockstepException(ErrorCode.REPLICA_BEHIND, msg.toString(), "the changes are committed on the "
                + "primary and need not run again; readers of that replica still see the old schema. See whether "
                + "replay is paused there (SELECT pg_is_wal_replay_paused(); resume with pg_wal_replay_resume()) or "
                + "why it lags, or raise replica-catch-up");
    }
}
