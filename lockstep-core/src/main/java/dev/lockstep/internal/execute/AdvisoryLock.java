package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One runner at a time: a session-level advisory lock, polled with {@code pg_try_advisory_lock} and
 * backoff. Never a blocking {@code pg_advisory_lock} (it cannot time out) and never a transaction-level
 * lock (a migration's {@code CREATE INDEX CONCURRENTLY} would wait for that transaction forever).
 *
 * <p>It is taken on the session that does the work, not on a connection of its own: a runner that
 * dies leaves its backend running what it had sent (a pipelined migration runs on to its COMMIT), and
 * the lock must stay until that backend has ended, so that the next runner reads the history only
 * after every change of the earlier one is committed or rolled back.
 */
public final class AdvisoryLock {
    /** "LkSt": the first key of every Lockstep lock; the second is derived from the history schema. */
    static final int CLASS_ID = 0x4C6B5374;

    private final Connection connection;
    private final int objectId;
    private final Duration wait;
    private final Sleeper sleeper;

    public AdvisoryLock(Connection connection, String historySchema, Duration wait, Sleeper sleeper) {
        this.connection = connection;
        this.objectId = historySchema.hashCode() & 0x7fffffff;
        this.wait = wait;
        this.sleeper = sleeper;
    }

    @FunctionalInterface
    public interface Body<T> {
        T run() throws SQLException;
    }

    /** Runs the body while holding the lock; releases it afterwards, keeping the body's error first. */
    public <T> T run(Body<T> body, Consumer<String> onWait) throws SQLException {
        acquire(onWait);
        Throwable failure = null;
        try {
            return body.run();
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                release();
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    throw e;
                }
            }
        }
    }

    void acquire(Consumer<String> onWait) throws SQLException {
        long deadline = System.nanoTime() + wait.toNanos();
        long backoffMs = 50;
        boolean told = false;
        while (true) {
            if (tryLock()) {
                return;
            }
            Holder holder = holder();
            if (System.nanoTime() >= deadline) {
                throw new LockstepException(ErrorCode.LOCK_TIMEOUT,
                        "another runner holds the migration lock" + (holder == null ? "" : ": " + holder.describe())
                                + "; waited " + Durations.format(wait),
                        "wait for it to finish and run again, raise --lock-wait, or if that session is stuck: "
                                + "SELECT pg_terminate_backend(" + (holder == null ? "<pid>" : holder.pid) + ")");
            }
            if (!told) {
                onWait.accept("waiting for the migration lock held by " + (holder == null ? "another session"
                        : holder.describe()) + " (up to " + Durations.format(wait) + ")");
                told = true;
            }
            long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            sleeper.sleep(Math.min(backoffMs, remainingMs));
            backoffMs = Math.min(backoffMs * 2, 1000);
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, CLASS_ID);
            ps.setInt(2, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void release() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, CLASS_ID);
            ps.setInt(2, objectId);
            ps.execute();
        }
    }

    /**
     * The session holding the lock: a runner's working session, which took the lock right after it
     * connected, so its session's age is how long it has held it. What it runs now says what it waits for.
     */
    Holder holder() throws SQLException {
        String sql = "SELECT l.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local socket'), "
                + "coalesce(a.usename, ''), extract(epoch FROM now() - a.backend_start), a.state, a.query "
                + "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::int4::oid "
                + "AND l.objid = ?::int4::oid AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database()) LIMIT 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, CLASS_ID);
            ps.setInt(2, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Double age = Blockers.seconds(rs, 5);
                String state = rs.getString(6);
                String query = rs.getString(7);
                String doing = state == null ? "" : state.equals("active") && query != null
                        ? "running: " + ScriptPreparer.firstLine(query.strip()) : state;
                return new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        age == null ? null : Duration.ofMillis((long) (age * 1000)), doing);
            }
        }
    }

    record Holder(int pid, String application, String host, String user, Duration held, String doing) {
        String describe() {
            return "pid " + pid + " (" + (application.isEmpty() ? "no application name" : application) + ", user "
                    + user + ", from " + host + (held == null ? "" : ", held for " + Durations.format(held))
                    + (doing.isEmpty() ? "" : ", " + doing) + ")";
        }
    }
}
