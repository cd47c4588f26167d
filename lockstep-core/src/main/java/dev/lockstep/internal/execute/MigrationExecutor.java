package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.NewRow;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.ServerError;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.spi.MigrationEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs one migration (up, resumed or down). A transactional script runs in one transaction together
 * with its history row, retried as a whole when a lock is not available. A non-transactional script
 * runs statement by statement in autocommit; its history row records which statement is in flight
 * before sending it and how many are done after, so that a failed or interrupted run resumes where it
 * stopped instead of starting over.
 */
public final class MigrationExecutor {
    private final HistoryStore history;
    private final RunContext ctx;
    private final StatementRunner runner = new StatementRunner();
    private final InDoubtSettler settler;
    private final TrafficGuard guard;

    public MigrationExecutor(HistoryStore history, RunContext ctx) {
        this.history = history;
        this.ctx = ctx;
        this.settler = new InDoubtSettler(ctx);
        this.guard = new TrafficGuard(ctx);
    }

    public Duration run(Connection c, PlanItem item, PreparedScript script, MigrationEvent event) throws SQLException {
        Instant started = ctx.clock().instant();
        ctx.listener().migrationStarted(event);
        try {
            if (script.transactional()) {
                runTransactional(c, item, script, event);
            } else {
                runStatementByStatement(c, item, script, event);
            }
        } catch (LockstepException e) {
            ctx.listener().migrationFailed(event, e.getMessage());
            throw e;
        }
        Duration took = Duration.between(started, ctx.clock().instant());
        ctx.listener().migrationFinished(event.finished(took));
        return took;
    }

    private void runTransactional(Connection c, PlanItem item, PreparedScript script, MigrationEvent event)
            throws SQLException {
        List<SqlStatement> statements = script.statements();
        List<int[]> groups = StatementGroups.of(statements);
        boolean lastIsBatch = !groups.isEmpty() && isBatch(statements, groups.get(groups.size() - 1));
        long deadline = System.nanoTime() + ctx.get(Setting.BLOCKER_WAIT).toNanos();
        for (int attempt = 0; ; attempt++) {
            guard.awaitClear(c, ctx.tables().inUse(statements), script.lockTimeout(), deadline, label(item));
            Instant started = ctx.clock().instant();
            NewRow row = newRow(item, script, started);
            SqlStatement current = null;
            TrafficGuard.Timeouts timeouts = new TrafficGuard.Timeouts();
            c.setAutoCommit(false);
            try {
                if (groups.isEmpty() || !isBatch(statements, groups.get(0))) {
                    runner.lockTimeout(c, script.lockTimeout(), true);
                }
                for (int g = 0; g < groups.size(); g++) {
                    int[] group = groups.get(g);
                    current = statements.get(group[0]);
                    if (isBatch(statements, group)) {
                        // The last batch carries the history row and the COMMIT: one round trip.
                        List<String> tail = g == groups.size() - 1 ? List.of(history.insertSucceededSql(row,
                                statements.size(), appliedHash(statements, statements.size())), "COMMIT") : List.of();
                        runBatch(c, script, statements, group, g == 0, tail, timeouts, event);
                    } else {
                        String set = timeouts.switchTo(guard.timeoutFor(current), true);
                        if (set != null) {
                            runner.execute(c, set);
                        }
                        runOne(c, current, group[0], statements.size(), event);
                    }
                }
                current = null;
                if (!lastIsBatch) {
                    history.insert(c, row, true, statements.size(), appliedHash(statements, statements.size()),
                            ctx.clock().instant());
                }
                c.commit();
                return;
            } catch (SQLException failure) {
                SQLException e = failure;
                if (failure instanceof BatchFailure batch) {
                    current = batch.statement;
                    e = (SQLException) batch.getCause();
                }
                c.rollback();
                c.setAutoCommit(true);
                if (current != null && PgSqlState.LOCK_NOT_AVAILABLE.matches(e) && attempt < ctx.get(Setting.LOCK_RETRIES)) {
                    long delay = Backoff.delayMillis(attempt, ctx.random());
                    ctx.listener().notice(label(item) + ": lock not available within " + Durations.format(
                            script.lockTimeout()) + " at " + script.location(current.offset()) + "; retry "
                            + (attempt + 1) + "/" + ctx.get(Setting.LOCK_RETRIES) + " in " + delay + "ms");
                    ctx.sleeper().sleep(delay);
                    continue;
                }
                ServerError err = ServerError.of(e);
                history.insertFailure(c, row, ctx.clock().instant(), err.sqlState(), err.message());
                if (current == null) {
                    throw e;
                }
                List<Blockers.Blocker> blockers = PgSqlState.LOCK_NOT_AVAILABLE.matches(e)
                        ? guard.report(c, statements) : List.of();
                throw FailureReport.of(script, current, e, label(item),
                        "nothing of " + label(item) + " was applied (it ran in one transaction); fix it and run "
                                + (item.action() == PlanItem.Action.ROLLBACK ? "rollback" : "migrate") + " again",
                        blockers);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static boolean isBatch(List<SqlStatement> statements, int[] group) {
        return group[1] - group[0] > 1 || StatementGroups.batchable(statements.get(group[0]));
    }

    private void runStatementByStatement(Connection c, PlanItem item, PreparedScript script, MigrationEvent event)
            throws SQLException {
        List<SqlStatement> statements = script.statements();
        Instant started = ctx.clock().instant();
        int done = 0;
        HistoryRow previous = item.resumeFrom();
        if (item.action() == PlanItem.Action.RESUME) {
            done = verifiedPrefix(item, script, previous);
        }
        c.setAutoCommit(true);
        long id = history.insert(c, newRow(item, script, started), false, done, appliedHash(statements, done), null);
        if (script.batch() != null) {
            runBackfill(c, item, script, id, previous, started);
            return;
        }
        if (previous != null && previous.inFlight() != null && done < statements.size()) {
            if (settler.alreadyDone(c, statements.get(done), script)) {
                done++;
                history.markProgress(c, id, done, appliedHash(statements, done));
            }
        }
        boolean inDoubt = previous != null && previous.inFlight() != null;
        TrafficGuard.Timeouts timeouts = new TrafficGuard.Timeouts();
        for (int i = done; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            try {
                settler.clearInvalidIndex(c, s);
                long deadline = System.nanoTime() + ctx.get(Setting.BLOCKER_WAIT).toNanos();
                guard.awaitClear(c, ctx.tables().inUse(List.of(s)), script.lockTimeout(), deadline, label(item));
                guard.warnOldSnapshots(c, s, label(item));
                history.markInFlight(c, id, i);
                runner.lockTimeout(c, script.lockTimeout(), false);
                String set = timeouts.switchTo(guard.timeoutFor(s), false);
                if (set != null) {
                    runner.execute(c, set);
                }
                runWithLockRetries(c, item, script, s, i, statements.size(), event);
                settler.checkIndexValid(c, s, script);
            } catch (SQLException e) {
                if (inDoubt && i == done && settler.isOwnEarlierWork(s, e)) {
                    ctx.listener().notice(label(item) + ": " + script.location(s.offset())
                            + " was already done by the interrupted run; continuing");
                } else {
                    ServerError err = ServerError.of(e);
                    settler.dropInvalidAfterFailure(c, s);
                    history.markFinished(c, id, started, ctx.clock().instant(), false, err.sqlState(), err.message());
                    resetTimeouts(c);
                    String next = i == 0 ? "no statement of " + label(item) + " was applied; fix it and run migrate again"
                            : i + " of " + statements.size() + " statements of " + label(item) + " are applied and "
                                    + "recorded; fix statement " + (i + 1) + " and run migrate again: it resumes there";
                    throw FailureReport.of(script, s, e, label(item), next, PgSqlState.LOCK_NOT_AVAILABLE.matches(e)
                            ? guard.report(c, List.of(s)) : List.of());
                }
            }
            history.markProgress(c, id, i + 1, appliedHash(statements, i + 1));
        }
        history.markFinished(c, id, started, ctx.clock().instant(), true, null, null);
        resetTimeouts(c);
    }

    /** A {@code -- lockstep:batch} migration: its UPDATE in keyset batches, resuming after the last recorded key. */
    private void runBackfill(Connection c, PlanItem item, PreparedScript script, long id, HistoryRow previous,
                             Instant started) throws SQLException {
        String after = previous == null ? null : previous.batchPosition();
        if (after != null) {
            history.startBatchAt(c, id, after, previous.rowsDone());
        }
        try {
            new Backfill(ctx, history).run(c, script, id, after, label(item));
        } catch (SQLException e) {
            ServerError err = ServerError.of(e);
            history.markFinished(c, id, started, ctx.clock().instant(), false, err.sqlState(), err.message());
            throw FailureReport.of(script, script.statements().get(0), e, label(item), "the batches before the failure "
                    + "are committed and recorded; fix the cause and run migrate again: the backfill resumes after "
                    + "the last key it updated");
        }
        history.markProgress(c, id, 1, appliedHash(script.statements(), 1));
        history.markFinished(c, id, started, ctx.clock().instant(), true, null, null);
    }

    /** Session-level timeouts set for a statement-by-statement migration do not outlive it. */
    private void resetTimeouts(Connection c) throws SQLException {
        runner.execute(c, "SET statement_timeout = 0");
        runner.execute(c, "SET lock_timeout = 0");
    }

    private void runWithLockRetries(Connection c, PlanItem item, PreparedScript script, SqlStatement s, int i, int n,
                                    MigrationEvent event) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try {
                runOne(c, s, i, n, event);
                return;
            } catch (SQLException e) {
                if (!PgSqlState.LOCK_NOT_AVAILABLE.matches(e) || attempt >= ctx.get(Setting.LOCK_RETRIES)) {
                    throw e;
                }
                long delay = Backoff.delayMillis(attempt, ctx.random());
                ctx.listener().notice(label(item) + ": lock not available at " + script.location(s.offset())
                        + "; retry " + (attempt + 1) + "/" + ctx.get(Setting.LOCK_RETRIES) + " in " + delay + "ms");
                ctx.sleeper().sleep(delay);
            }
        }
    }

    /**
     * Sends a group of statements as one pipelined batch (the first group also sets the lock timeout,
     * and {@code tail} adds the history row and COMMIT). When it fails, the failed statement is the one
     * whose text the driver quotes in its error; the exception carries the server's error for it.
     */
    private void runBatch(Connection c, PreparedScript script, List<SqlStatement> statements, int[] group,
                          boolean first, List<String> tail, TrafficGuard.Timeouts timeouts, MigrationEvent event)
            throws SQLException {
        if (group[1] - group[0] == 1) {
            ctx.listener().statementStarted(event, group[0] + 1, statements.size(), statements.get(group[0]).sql());
        } else {
            ctx.listener().batchStarted(event, group[0] + 1, group[1], statements.size());
        }
        long t0 = System.nanoTime();
        try (java.sql.Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            if (first) {
                st.addBatch(StatementRunner.lockTimeoutSql(script.lockTimeout(), true));
            }
            for (int i = group[0]; i < group[1]; i++) {
                String set = timeouts.switchTo(guard.timeoutFor(statements.get(i)), true);
                if (set != null) {
                    st.addBatch(set);
                }
                st.addBatch(statements.get(i).sql());
            }
            for (String sql : tail) {
                st.addBatch(sql);
            }
            st.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new BatchFailure(failedStatement(statements, group, e.getMessage()), cause);
        }
        ctx.listener().statementFinished(event, group[1], Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The statement of the group the driver's batch error quotes; the group's first when it cannot tell. */
    private static SqlStatement failedStatement(List<SqlStatement> statements, int[] group, String message) {
        SqlStatement found = null;
        for (int i = group[0]; i < group[1] && message != null; i++) {
            if (message.contains(statements.get(i).sql())) {
                if (found != null && !found.sql().equals(statements.get(i).sql())) {
                    return statements.get(group[0]);
                }
                found = found == null ? statements.get(i) : found;
            }
        }
        return found != null ? found : statements.get(group[0]);
    }

    /** A batch failed at {@code statement}; carries the server's error. */
    private static final class BatchFailure extends SQLException {
        final SqlStatement statement;

        BatchFailure(SqlStatement statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.statement = statement;
        }
    }

    private void runOne(Connection c, SqlStatement s, int i, int n, MigrationEvent event) throws SQLException {
        ctx.listener().statementStarted(event, i + 1, n, s.sql());
        long t0 = System.nanoTime();
        runner.execute(c, s);
        ctx.listener().statementFinished(event, i + 1, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** How many statements the failed run applied, after checking that their text has not changed. */
    private int verifiedPrefix(PlanItem item, PreparedScript script, HistoryRow previous) {
        int applied = previous.statementsApplied();
        List<SqlStatement> statements = script.statements();
        if (applied > statements.size()
                || !java.util.Objects.equals(appliedHash(statements, applied), previous.appliedHash())) {
            throw new LockstepException(ErrorCode.RESUME_REFUSED, label(item) + " (" + script.script().path()
                    + ") was partially applied: " + applied + " of " + previous.statementsTotal()
                    + " statements ran, and those statements have changed in the file since",
                    "restore the first " + applied + " statements as they were, or undo them by hand and run "
                            + "'lockstep repair' to start the migration over; nothing was run");
        }
        return applied;
    }

    private NewRow newRow(PlanItem item, PreparedScript script, Instant started) {
        ResolvedMigration m = item.migration();
        HistoryKind kind = switch (item.action()) {
            case ROLLBACK -> HistoryKind.ROLLBACK;
            case REAPPLY -> HistoryKind.REPEATABLE;
            default -> m.version() == null ? HistoryKind.REPEATABLE : HistoryKind.VERSIONED;
        };
        return new NewRow(m.version() == null ? null : m.version().text(), m.description(), kind,
                script.script().name(), m.checksum(), Checksum.ALGORITHM, script.transactional(), ctx.installedBy(),
                started, script.statements().size(), ctx.runId(), ctx.toolVersion());
    }

    /** The hash of the first {@code n} statements' text: what a resume compares. */
    static String appliedHash(List<SqlStatement> statements, int n) {
        if (n == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(statements.get(i).sql()).append("\n;\n");
        }
        return Checksum.sha256Hex(sb.toString());
    }

    static String label(PlanItem item) {
        ResolvedMigration m = item.migration();
        String what = m.version() == null ? "repeatable migration '" + m.description() + "'"
                : "migration " + m.version().text();
        return item.action() == PlanItem.Action.ROLLBACK ? "rollback of " + what : what;
    }
}
