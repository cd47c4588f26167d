package dev.lockstep.internal.execute;

import dev.lockstep.TrafficSettings;
import dev.lockstep.internal.config.Durations;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a migration from stalling live traffic before it asks for a lock: it waits, without holding
 * or requesting anything, while long-running sessions hold conflicting locks on the tables it will
 * lock (asking for the lock then would queue every new query behind the request), cancels them when
 * the policy says so, and chooses each statement's {@code statement_timeout}.
 */
final class TrafficGuard {
    private static final long POLL_MS = 100;
    private static final long REMIND_MS = 5000;

    private final RunContext ctx;
    private final TrafficSettings settings;

    TrafficGuard(RunContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.traffic();
    }

    /**
     * A transaction older than this is not ordinary traffic passing through: the migration waits for
     * it rather than queueing behind it. Short enough to spot a long reader quickly.
     */
    static Duration minAge(Duration lockTimeout) {
        return Duration.ofMillis(Math.max(20, Math.min(200, lockTimeout.toMillis() / 2)));
    }

    /**
     * Waits until no long-running session is in the way of the write-blocking statements, or the
     * deadline passes (then the statements try anyway, under lock_timeout, and report who blocked).
     */
    void awaitClear(Connection c, List<SqlStatement> statements, Duration lockTimeout, long deadlineNanos,
                    String label) throws SQLException {
        Set<Integer> told = new HashSet<>();
        long started = System.nanoTime();
        long lastReminder = started;
        while (true) {
            List<Blockers.Blocker> blockers = find(c, statements, minAge(lockTimeout));
            if (blockers.isEmpty()) {
                if (!told.isEmpty()) {
                    ctx.listener().notice(label + ": the way is clear after "
                            + Durations.format(Duration.ofNanos(System.nanoTime() - started)));
                }
                return;
            }
            for (Blockers.Blocker b : blockers) {
                if (told.add(b.pid())) {
                    ctx.listener().notice(label + ": waiting, without taking any lock, for " + b.describe());
                }
            }
            if (settings.cancelBlockers() != TrafficSettings.CancelBlockers.OFF) {
                for (String done : Blockers.cancel(c, blockers, settings.cancelBlockers())) {
                    ctx.listener().notice(label + ": " + done);
                }
            }
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return;
            }
            if (now - lastReminder >= REMIND_MS * 1_000_000) {
                ctx.listener().notice(label + ": still waiting for " + blockers.size() + " session(s) after "
                        + Durations.format(Duration.ofNanos(now - started)) + " (up to "
                        + Durations.format(settings.blockerWait()) + ", setting blocker-wait)");
                lastReminder = now;
            }
            ctx.sleeper().sleep(POLL_MS);
        }
    }

    /** Everyone in the way of the write-blocking statements, whatever their age: for a failure's report. */
    List<Blockers.Blocker> report(Connection c, List<SqlStatement> statements) throws SQLException {
        return find(c, statements, Duration.ZERO);
    }

    private static List<Blockers.Blocker> find(Connection c, List<SqlStatement> statements, Duration minAge)
            throws SQLException {
        Map<Integer, Blockers.Blocker> byPid = new LinkedHashMap<>();
        for (SqlStatement s : statements) {
            if (s.info().lock().blocksWrites() && Blockers.matters(s.info().lock())) {
                for (Blockers.Blocker b : Blockers.find(c, s.info().tables(), s.info().lock(), minAge)) {
                    byPid.putIfAbsent(b.pid(), b);
                }
            }
        }
        return new ArrayList<>(byPid.values());
    }

    /** Before a concurrent index build: it waits for every older transaction, on any table; say which. */
    void warnOldSnapshots(Connection c, SqlStatement s, String label) throws SQLException {
        if (!s.info().kind().isConcurrentIndexBuild()) {
            return;
        }
        String sql = "SELECT pid, coalesce(application_name, ''), coalesce(state, ''), "
                + "extract(epoch FROM now() - xact_start), left(coalesce(query, ''), 120) FROM pg_stat_activity "
                + "WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid() AND xact_start < now() - interval '5 seconds' "
                + "ORDER BY xact_start";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ctx.listener().notice(label + ": the concurrent index build waits for the transaction of pid "
                        + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + " for "
                        + Durations.format(Duration.ofMillis((long) (rs.getDouble(4) * 1000))) + "): " + rs.getString(5));
            }
        }
    }

    /** Short for statements holding a write-blocking lock; unlimited for CONCURRENTLY builds, VALIDATE and the rest. */
    Duration timeoutFor(SqlStatement s) {
        StatementKind k = s.info().kind();
        boolean longRunningByDesign = k.isConcurrentIndexBuild() || k == StatementKind.ALTER_TABLE_VALIDATE_CONSTRAINT
                || k == StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY || k == StatementKind.DROP_INDEX_CONCURRENTLY;
        return s.info().lock().blocksWrites() && !longRunningByDesign ? settings.ddlStatementTimeout() : Duration.ZERO;
    }

    /**
     * On PostgreSQL 17+, the {@code SET LOCAL transaction_timeout} that bounds a transaction which takes a
     * write-blocking lock: that lock is held until the transaction ends, so the whole transaction, not
     * each statement alone, must stay within {@code ddl-statement-timeout} (an ALTER followed by a slow
     * statement would otherwise hold it for as long as that statement runs). The migration's lock timeout
     * is added as a margin, so that one slow statement still stops at its own statement_timeout (a
     * cancel, with its own message) before the server ends the session for the transaction. Null when
     * the transaction takes no such lock, the limit is off, or the server is older.
     */
    String transactionTimeout(Connection c, List<SqlStatement> statements, Duration lockTimeout) throws SQLException {
        Duration limit = settings.ddlStatementTimeout();
        if (limit.isZero() || c.getMetaData().getDatabaseMajorVersion() < 17) {
            return null;
        }
        for (SqlStatement s : statements) {
            if (!timeoutFor(s).isZero()) {
                return "SET LOCAL transaction_timeout = '" + limit.plus(lockTimeout).toMillis() + "ms'";
            }
        }
        return null;
    }

    /** Tracks the statement_timeout in force, so that it is only set when a statement needs another. */
    static final class Timeouts {
        private Duration current;

        /** The SET to send before {@code want} applies, or null when it already does. */
        String switchTo(Duration want, boolean local) {
            if (want.equals(current)) {
                return null;
            }
            current = want;
            return "SET " + (local ? "LOCAL " : "") + "statement_timeout = '" + want.toMillis() + "ms'";
        }
    }
}
