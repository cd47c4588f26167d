package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.internal.sql.LockLevel;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the sessions that would make a statement wait for its table lock: those holding (or already
 * waiting for) a conflicting lock on its tables, from {@code pg_locks} joined with {@code pg_stat_activity}.
 * Short transactions of ordinary traffic come and go; what matters is a transaction that has been open
 * for a while, so callers pass a minimum age.
 */
public final class Blockers {
    /** PostgreSQL's table-lock conflict table ("Explicit Locking" in the manual), keyed by the lock wanted. */
    private static final Map<LockLevel, Set<String>> CONFLICTS = Map.of(
            LockLevel.SHARE_UPDATE_EXCLUSIVE, Set.of("ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock"),
            LockLevel.SHARE, Set.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareRowExclusiveLock",
                    "ExclusiveLock", "AccessExclusiveLock"),
            LockLevel.SHARE_ROW_EXCLUSIVE, Set.of("RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
            LockLevel.EXCLUSIVE, Set.of("RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
                    "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"),
            LockLevel.ACCESS_EXCLUSIVE, Set.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
                    "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
                    "AccessExclusiveLock"));

    /** A session in the way. */
    public record Blocker(int pid, String application, String state, Duration age, String query, String mode,
                          boolean granted) {
        public boolean idleInTransaction() {
            return state.startsWith("idle in transaction");
        }

        public String describe() {
            return "pid " + pid + " (" + (application.isEmpty() ? "no application name" : application) + ", " + state
                    + " for " + Durations.format(age) + ", " + (granted ? "holds " : "waits for ") + mode + "): "
                    + (query.length() > 120 ? query.substring(0, 117) + "..." : query);
        }
    }

    private Blockers() {
    }

    public static boolean matters(LockLevel wanted) {
        return CONFLICTS.containsKey(wanted);
    }

    /**
     * Sessions other than this one with a lock on the tables that conflicts with {@code wanted}, whose
     * transaction (or, outside one, query) is older than {@code minAge}. Oldest first.
     */
    public static List<Blocker> find(Connection c, List<String> tables, LockLevel wanted, Duration minAge)
            throws SQLException {
        Set<String> modes = CONFLICTS.getOrDefault(wanted, Set.of());
        if (tables.isEmpty() || modes.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), "
                + "extract(epoch FROM now() - coalesce(a.xact_start, a.query_start, now())), "
                + "coalesce(a.query, ''), l.mode, l.granted "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'relation' AND a.pid <> pg_backend_pid() AND l.mode = ANY (?) "
                + "AND l.relation IN (SELECT to_regclass(t) FROM unnest(?::text[]) AS t) "
                + "AND now() - coalesce(a.xact_start, a.query_start, now()) >= ? * interval '1 millisecond' "
                + "ORDER BY 4 DESC";
        List<Blocker> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array modeArray = c.createArrayOf("text", modes.toArray());
            Array tableArray = c.createArrayOf("text", tables.toArray());
            ps.setArray(1, modeArray);
            ps.setArray(2, tableArray);
            ps.setLong(3, minAge.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                Set<Integer> seen = new java.util.HashSet<>();
                while (rs.next()) {
                    if (seen.add(rs.getInt(1))) {
                        out.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3),
                                Duration.ofMillis((long) (rs.getDouble(4) * 1000)), rs.getString(5).strip(),
                                rs.getString(6), rs.getBoolean(7)));
                    }
                }
            }
        }
        return out;
    }

    /** Cancels or ends blockers as the policy allows; returns what was done, for the log. */
    public static List<String> cancel(Connection c, List<Blocker> blockers,
                                      dev.lockstep.CancelBlockers policy) throws SQLException {
        var ALL = dev.lockstep.CancelBlockers.ALL;
        var IDLE = dev.lockstep.CancelBlockers.IDLE_IN_TRANSACTION;
        List<String> done = new ArrayList<>();
        for (Blocker b : blockers) {
            boolean eligible = policy == ALL || (policy == IDLE && b.idleInTransaction());
            if (!eligible) {
                continue;
            }
            // An idle-in-transaction session has no query to cancel: only ending it releases its locks.
            String function = b.idleInTransaction() ? "pg_terminate_backend" : "pg_cancel_backend";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?)")) {
                ps.setInt(1, b.pid());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    done.add(function + "(" + b.pid() + ") -> " + rs.getBoolean(1) + " for " + b.describe());
                }
            }
        }
        return done;
    }
}
