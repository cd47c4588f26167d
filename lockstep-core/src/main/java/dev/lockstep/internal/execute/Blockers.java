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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the sessions that would make a statement wait for its table lock: those holding (or already
 * waiting for) a conflicting lock on its tables. Who holds what comes from {@code pg_locks}, which every
 * role can read; {@code pg_stat_activity} adds the age, state and query of the sessions this role may
 * see (its own, or all with pg_read_all_stats). For the others the age is measured from this side: how
 * long this run has seen the same transaction hold the lock ({@link Sightings}), or how long it has been
 * waiting in the lock queue ({@code pg_locks.waitstart}).
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

    /**
     * A session in the way.
     *
     * @param transaction the holder's virtual transaction id: one transaction, even when its pid runs many
     * @param age how long its transaction has been open (visible), it has waited (waiting), or at least
     *            how long this run has seen it hold the lock (hidden)
     * @param ageAtMost the most it can be: {@code age} when known, else null when this run cannot tell yet
     *                  (a hidden holder seen on the first look)
     * @param hidden whether this role may not see the session's state and query
     */
    public record Blocker(int pid, String transaction, String application, String user, String state, Duration age,
                          Duration ageAtMost, boolean hidden, String query, String mode, boolean granted,
                          String table) {
        public boolean idleInTransaction() {
            return state.startsWith("idle in transaction");
        }

        public String describe() {
            String who = pid == 0 ? "a prepared transaction (" + transaction + ")" : "pid " + pid;
            String app = application.isEmpty() ? "no application name" : application;
            String holds = (granted ? "holds " : "waits for ") + mode + (table.isEmpty() ? "" : " on " + table);
            if (!hidden) {
                return who + " (" + app + ", " + state + " for " + Durations.format(age) + ", " + holds + "): "
                        + (query.length() > 120 ? query.substring(0, 117) + "..." : query);
            }
            String since = !granted && age.equals(ageAtMost) ? "waiting for " + Durations.format(age)
                    : age.isZero() ? "just seen" : "seen " + (granted ? "holding it" : "waiting") + " for at least "
                    + Durations.format(age);
            return who + " (" + app + ", user " + user + ", " + holds + ", " + since + "; its query is hidden from "
                    + "this role: pg_read_all_stats or pg_monitor shows it)";
        }
    }

    /**
     * What this run saw of the transactions in the way, look after look: the age of those whose
     * details are hidden, as far as this side can tell. A transaction first seen on a look made soon
     * after the one before cannot be older than the gap between them.
     */
    public static final class Sightings {
        private record Sighting(long at, long gapBefore) {
        }

        private final Map<String, Sighting> first = new LinkedHashMap<>();
        private final Set<String> seenNow = new java.util.HashSet<>();
        private long lastLook = -1;
        private long look = -1;

        /** Starts a look at {@code now} (nanoseconds of the caller's clock). */
        void start(long now) {
            look = now;
            seenNow.clear();
        }

        /** {@code [at least, at most]} in nanoseconds for a transaction seen in this look; at most -1 when unknown. */
        long[] age(String transaction) {
            seenNow.add(transaction);
            Sighting s = first.computeIfAbsent(transaction, k -> new Sighting(look, lastLook < 0 ? -1 : look - lastLook));
            long least = look - s.at();
            return new long[] {least, s.gapBefore() < 0 ? -1 : least + s.gapBefore()};
        }

        /** Ends the look: forgets the transactions it did not see. */
        void end() {
            first.keySet().retainAll(seenNow);
            lastLook = look;
        }
    }

    private Blockers() {
    }

    public static boolean matters(LockLevel wanted) {
        return CONFLICTS.containsKey(wanted);
    }

    /**
     * Every session other than this one with a lock on the tables that conflicts with {@code wanted},
     * granted or waiting, oldest first. What it sees goes into the current look of {@code sightings}.
     */
    public static List<Blocker> find(Connection c, List<String> tables, LockLevel wanted, Sightings sightings)
            throws SQLException {
        Set<String> modes = CONFLICTS.getOrDefault(wanted, Set.of());
        if (tables.isEmpty() || modes.isEmpty()) {
            return List.of();
        }
        // waitstart exists from PostgreSQL 14 on; read through to_jsonb so that older servers give null.
        String sql = "SELECT coalesce(l.pid, 0), l.virtualtransaction, l.mode, l.granted, "
                + "coalesce(l.relation::regclass::text, ''), coalesce(a.application_name, ''), coalesce(a.usename, ''), "
                + "a.state, extract(epoch FROM now() - coalesce(a.xact_start, a.query_start)), a.query, "
                + "extract(epoch FROM now() - (to_jsonb(l) ->> 'waitstart')::timestamptz) "
                + "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database()) AND l.pid IS DISTINCT FROM pg_backend_pid() "
                + "AND l.mode = ANY (?) AND l.relation IN (SELECT to_regclass(t) FROM unnest(?::text[]) AS t)";
        Map<String, Blocker> byTransaction = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array modeArray = c.createArrayOf("text", modes.toArray());
            Array tableArray = c.createArrayOf("text", tables.toArray());
            ps.setArray(1, modeArray);
            ps.setArray(2, tableArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String transaction = rs.getString(2);
                    boolean granted = rs.getBoolean(4);
                    String state = rs.getString(8);
                    boolean hidden = state == null;
                    Double visibleAge = seconds(rs, 9);
                    Double waited = seconds(rs, 11);
                    long[] seen = sightings.age(transaction);
                    Duration age;
                    Duration atMost;
                    if (!hidden && visibleAge != null || !granted && waited != null) {
                        age = seconds(!hidden && visibleAge != null ? visibleAge : waited);
                        atMost = age;
                    } else {
                        age = Duration.ofNanos(seen[0]);
                        atMost = seen[1] < 0 ? null : Duration.ofNanos(seen[1]);
                    }
                    String query = rs.getString(10);
                    byTransaction.putIfAbsent(transaction, new Blocker(rs.getInt(1), transaction, rs.getString(6),
                            rs.getString(7), hidden ? "" : state, age, atMost, hidden,
                            query == null ? "" : query.strip(), rs.getString(3), granted, rs.getString(5)));
                }
            }
        }
        List<Blocker> out = new ArrayList<>(byTransaction.values());
        out.sort((a, b) -> b.age().compareTo(a.age()));
        return out;
    }

    /** A number of seconds (extract(epoch ...) is numeric from PostgreSQL 14 on), or null. */
    static Double seconds(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    /** Cancels or ends blockers as the policy allows; returns what was done, for the log. */
    public static List<String> cancel(Connection c, List<Blocker> blockers,
                                      dev.lockstep.CancelBlockers policy) throws SQLException {
        var ALL = dev.lockstep.CancelBlockers.ALL;
        var IDLE = dev.lockstep.CancelBlockers.IDLE_IN_TRANSACTION;
        List<String> done = new ArrayList<>();
        for (Blocker b : blockers) {
            boolean eligible = b.pid() != 0 && (policy == ALL || (policy == IDLE && b.idleInTransaction()));
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
