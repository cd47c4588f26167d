package dev.lockstep.internal.execute;

import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Watches, once a second on a connection of its own, how many sessions wait for a lock held by the
 * migration's session and for how long, and tells the listener: the run's own view of the stall it
 * may cause. Keeps the worst seen per migration.
 */
final class LockWaitMonitor implements AutoCloseable {
    private static final long PERIOD_MS = 1000;

    private final Connection connection;
    private final int migrationPid;
    private final RunListener listener;
    private final Thread thread;
    private volatile MigrationEvent current;
    private volatile boolean stopped;
    private volatile int maxWaiting;
    private volatile long longestWaitMs;

    /** A worst case seen during one migration. */
    record Worst(int sessions, long longestWaitMs) {
    }

    LockWaitMonitor(Connection connection, int migrationPid, RunListener listener) {
        this.connection = connection;
        this.migrationPid = migrationPid;
        this.listener = listener;
        this.thread = new Thread(this::watch, "lockstep-lock-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    void start(MigrationEvent migration) {
        maxWaiting = 0;
        longestWaitMs = 0;
        current = migration;
    }

    /** Ends watching the current migration; returns the worst it saw. */
    Worst finish() {
        current = null;
        return new Worst(maxWaiting, longestWaitMs);
    }

    private void watch() {
        // From pg_locks, which every role can read: pg_stat_activity hides other roles' sessions without
        // pg_read_all_stats. waitstart exists from PostgreSQL 14 on; before, the wait is timed from here.
        String sql = "SELECT l.pid, max(extract(epoch FROM now() - (to_jsonb(l) ->> 'waitstart')::timestamptz)) "
                + "FROM pg_locks l WHERE NOT l.granted AND l.pid IS NOT NULL AND ? = ANY (pg_blocking_pids(l.pid)) "
                + "GROUP BY l.pid";
        java.util.Map<Integer, Long> firstSeen = new java.util.HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, migrationPid);
            while (!stopped) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                MigrationEvent m = current;
                if (m == null || stopped) {
                    continue;
                }
                int waiting = 0;
                long longest = 0;
                long now = System.nanoTime();
                java.util.Set<Integer> seen = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int pid = rs.getInt(1);
                        Double waited = Blockers.seconds(rs, 2);
                        seen.add(pid);
                        long since = firstSeen.computeIfAbsent(pid, p -> now);
                        waiting++;
                        longest = Math.max(longest, waited != null ? Math.round(waited * 1000) : (now - since) / 1_000_000);
                    }
                }
                firstSeen.keySet().retainAll(seen);
                if (waiting > 0 && current == m) {
                    maxWaiting = Math.max(maxWaiting, waiting);
                    longestWaitMs = Math.max(longestWaitMs, longest);
                    listener.lockWaits(m, waiting, Duration.ofMillis(longest));
                }
            }
        } catch (SQLException e) {
            if (!stopped) {
                listener.notice("lock-wait monitor stopped: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
