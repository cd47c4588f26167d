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
        String sql = "SELECT count(*), coalesce(max(extract(epoch FROM now() - coalesce(a.state_change, a.query_start))), 0) "
                + "FROM pg_stat_activity a WHERE a.wait_event_type = 'Lock' AND ? = ANY (pg_blocking_pids(a.pid))";
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
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int waiting = rs.getInt(1);
                    long longest = Math.round(rs.getDouble(2) * 1000);
                    if (waiting > 0 && current == m) {
                        maxWaiting = Math.max(maxWaiting, waiting);
                        longestWaitMs = Math.max(longestWaitMs, longest);
                        listener.lockWaits(m, waiting, Duration.ofMillis(longest));
                    }
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
