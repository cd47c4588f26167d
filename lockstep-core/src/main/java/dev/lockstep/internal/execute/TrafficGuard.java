package dev.lockstep.internal.execute;

import dev.lockstep.CancelBlockers;
import dev.lockstep.Durations;
import dev.lockstep.Setting;
import dev.lockstep.internal.sql.LockLevel;
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

    TrafficGuard(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A transaction older than this is not ordinary traffic passing through: the migration waits for
     * it rather than queueing behind it. Short enough to spot a long reader quickly.
     */
    static Duration minAge(Duration lockTimeout) {
        return Duration.ofMillis(Math.max(20, Math.min(200, lockTimeout.toMillis() / 2)));
    }

    /**
     * Waits, without holding or requesting anything, until no long-running session is in the way of the
     * write-blocking statements. Returns the sessions still in the way when the budget is spent (then
     * the migration gives up without queueing a lock request behind them), or an empty list when the
     * way is clear.
     *
     * <p>A session whose details this role may not see has no visible age: the first look cannot tell a
     * long transaction from traffic passing through, so it looks again after {@link #minAge} before
     * deciding. A transaction that was not there on the previous look is younger than the gap.
     */
    List<Blockers.Blocker> awaitClear(Connection c, List<SqlStatement> statements, Duration lockTimeout,
                                      WaitBudget budget, String label) throws SQLException {
        Duration minAge = minAge(lockTimeout);
        Blockers.Sightings sightings = new Blockers.Sightings();
        Set<String> told = new HashSet<>();
        long started = budget.now();
        long lastReminder = started;
        while (true) {
            List<Blockers.Blocker> all = find(c, statements, sightings, budget.now());
            List<Blockers.Blocker> inTheWay = new ArrayList<>();
            boolean unsure = false;
            for (Blockers.Blocker b : all) {
                if (b.age().compareTo(minAge) >= 0) {
                    inTheWay.add(b);
                } else if (b.ageAtMost() == null || b.ageAtMost().compareTo(minAge) >= 0) {
                    unsure = true;
                }
            }
            if (inTheWay.isEmpty() && !unsure) {
                if (!told.isEmpty()) {
                    ctx.listener().notice(label + ": the way is clear after "
                            + Durations.format(Duration.ofNanos(budget.now() - started)));
                }
                return List.of();
            }
            for (Blockers.Blocker b : inTheWay) {
                if (told.add(b.transaction())) {
                    ctx.listener().notice(label + ": waiting, without taking any lock, for " + b.describe());
                }
            }
            if (!inTheWay.isEmpty() && ctx.get(Setting.CANCEL_BLOCKERS) != CancelBlockers.OFF) {
                for (String done : Blockers.cancel(c, inTheWay, ctx.get(Setting.CANCEL_BLOCKERS))) {
                    ctx.listener().notice(label + ": " + done);
                }
            }
            if (budget.spent()) {
                return inTheWay;
            }
            long now = budget.now();
            if (!inTheWay.isEmpty() && now - lastReminder >= REMIND_MS * 1_000_000) {
                ctx.listener().notice(label + ": still waiting for " + inTheWay.size() + " session(s) after "
                        + Durations.format(Duration.ofNanos(now - started)) + " (up to "
                        + Durations.format(budget.total()) + ", setting blocker-wait)");
                lastReminder = now;
            }
            long pause = inTheWay.isEmpty() ? Math.min(POLL_MS, minAge.toMillis()) : POLL_MS;
            ctx.sleeper().sleep(Math.max(1, budget.pause(pause)));
        }
    }

    /** Everyone in the way of the write-blocking statements, whatever their age: for a failure's report. */
    List<Blockers.Blocker> report(Connection c, List<SqlStatement> statements) throws SQLException {
        return find(c, statements, new Blockers.Sightings(), ctx.sleeper().nanoTime());
    }

    /**
     * One look at pg_locks per lock level the statements want (usually one per migration), not one per
     * statement: each table asks for the weakest level that conflicts with everything its statements
     * conflict with.
     */
    private static List<Blockers.Blocker> find(Connection c, List<SqlStatement> statements,
                                               Blockers.Sightings sightings, long now) throws SQLException {
        Map<String, LockLevel> wanted = new LinkedHashMap<>();
        for (SqlStatement s : statements) {
            LockLevel lock = s.info().lock();
            if (lock.blocksWrites() && Blockers.matters(lock)) {
                for (String table : s.info().tables()) {
                    wanted.merge(table, lock, TrafficGuard::covering);
                }
            }
        }
        Map<LockLevel, List<String>> byLevel = new LinkedHashMap<>();
        wanted.forEach((table, lock) -> byLevel.computeIfAbsent(lock, l -> new ArrayList<>()).add(table));
        Map<String, Blockers.Blocker> byTransaction = new LinkedHashMap<>();
        sightings.start(now);
        for (Map.Entry<LockLevel, List<String>> e : byLevel.entrySet()) {
            for (Blockers.Blocker b : Blockers.find(c, e.getValue(), e.getKey(), sightings)) {
                byTransaction.putIfAbsent(b.transaction(), b);
            }
        }
        sightings.end();
        return new ArrayList<>(byTransaction.values());
    }

    /**
     * The weakest lock that conflicts with every mode either of two locks conflicts with. The conflict
     * sets grow with the level, except that SHARE and SHARE UPDATE EXCLUSIVE each miss one of the
     * other's; SHARE ROW EXCLUSIVE covers both.
     */
    static LockLevel covering(LockLevel a, LockLevel b) {
        if (a == b) {
            return a;
        }
        boolean shareAndUpdate = (a == LockLevel.SHARE && b == LockLevel.SHARE_UPDATE_EXCLUSIVE)
                || (b == LockLevel.SHARE && a == LockLevel.SHARE_UPDATE_EXCLUSIVE);
        if (shareAndUpdate) {
            return LockLevel.SHARE_ROW_EXCLUSIVE;
        }
        return a.compareTo(b) >= 0 ? a : b;
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
        return timeoutFor(s, ctx.get(Setting.DDL_STATEMENT_TIMEOUT));
    }

    private static Duration timeoutFor(SqlStatement s, Duration ddlLimit) {
        StatementKind k = s.info().kind();
        boolean longRunningByDesign = k.isConcurrentIndexBuild() || k == StatementKind.ALTER_TABLE_VALIDATE_CONSTRAINT
                || k == StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY || k == StatementKind.DROP_INDEX_CONCURRENTLY;
        return s.info().lock().blocksWrites() && !longRunningByDesign ? ddlLimit : Duration.ZERO;
    }

    String transactionTimeout(Connection c, List<SqlStatement> statements, Duration lockTimeout) throws SQLException {
        return transactionTimeout(ctx.get(Setting.DDL_STATEMENT_TIMEOUT), c.getMetaData().getDatabaseMajorVersion(),
                statements, lockTimeout);
    }

    /**
     * On PostgreSQL 17+, the {@code transaction_timeout} (as PostgreSQL reads it, e.g. {@code 2000ms}) that
     * bounds a transaction which takes a write-blocking lock: that lock is held until the transaction
     * ends, so the whole transaction, not each statement alone, must stay within
     * {@code ddl-statement-timeout} (an ALTER followed by a slow statement would otherwise hold it for as
     * long as that statement runs). The migration's lock timeout is added as a margin, so that one slow
     * statement still stops at its own statement_timeout (a cancel, with its own message) before the
     * server ends the session for the transaction. Null when the transaction takes no such lock, the
     * limit is off, or the server is older. A dry run shows the same value.
     */
    static String transactionTimeout(Duration ddlLimit, int serverMajor, List<SqlStatement> statements,
                                     Duration lockTimeout) {
        if (ddlLimit.isZero() || serverMajor < 17) {
            return null;
        }
        for (SqlStatement s : statements) {
            if (!timeoutFor(s, ddlLimit).isZero()) {
                return ddlLimit.plus(lockTimeout).toMillis() + "ms";
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
