package dev.lockstep.internal.execute;

import static dev.lockstep.internal.execute.ResumePoint.appliedHash;

import dev.lockstep.Setting;
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
 * with its history row ({@link TransactionalRun}). A non-transactional script runs statement by
 * statement: each statement that may run in a transaction commits together with the history update
 * that counts it; the others run in autocommit, recorded as in flight before they are sent. A failed or
 * interrupted run resumes where it stopped instead of starting over ({@link ResumePoint}). All waiting
 * for table locks stays within blocker-wait.
 */
public final class MigrationExecutor {
    private final HistoryStore history;
    private final RunContext ctx;
    private final StatementRunner runner = new StatementRunner();
    private final InDoubtSettler settler;
    private final TrafficGuard guard;
    private final TransactionalRun transactional;

    public MigrationExecutor(HistoryStore history, RunContext ctx) {
        this.history = history;
        this.ctx = ctx;
        this.settler = new InDoubtSettler(ctx);
        this.guard = new TrafficGuard(ctx);
        this.transactional = new TransactionalRun(ctx, history, guard, new PipelinedBatch(ctx, guard), runner);
    }

    public Duration run(Connection c, PlanItem item, PreparedScript script, MigrationEvent event) throws SQLException {
        Instant started = ctx.clock().instant();
        ctx.listener().migrationStarted(event);
        try {
            // A run that stopped part-way goes on statement by statement from where it stopped, even when
            // the fixed script could now run in one transaction: its first statements must not run twice.
            if (script.transactional() && !ResumePoint.resumes(item)) {
                transactional.run(c, item, script, event);
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

    /**
     * Runs the statements one at a time. A statement that may run in a transaction runs in one together
     * with the history update that counts it done: after a crash it either happened and is counted, or
     * neither. A statement that cannot (CONCURRENTLY, VACUUM, ...) runs in autocommit, recorded as in
     * flight before it is sent, and is settled from the catalogs when a run dies during it.
     */
    private void runStatementByStatement(Connection c, PlanItem item, PreparedScript script, MigrationEvent event)
            throws SQLException {
        List<SqlStatement> statements = script.statements();
        Instant started = ctx.clock().instant();
        int done = 0;
        HistoryRow previous = item.resumeFrom();
        if (ResumePoint.resumes(item)) {
            done = ResumePoint.verifiedPrefix(item, script, previous);
            if (done > 0) {
                ctx.listener().notice(label(item) + ": " + (done == 1 ? "statement 1" : "statements 1-" + done)
                        + " ran in the run that stopped; "
                        + "resuming at statement " + (done + 1) + " of " + statements.size());
            }
        }
        c.setAutoCommit(true);
        long id = history.insert(c, newRow(ctx, item, script, started), false, done, appliedHash(statements, done),
                null);
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
            ExplicitBlocks.Block block = script.blocks().startingAt(i);
            if (block != null) {
                runBlockRecorded(c, item, script, block, id, started, event);
                i = block.end();
                continue;
            }
            boolean counted;
            try {
                if (PendingDetach.finish(c, s, ctx, label(item))) {
                    history.markProgress(c, id, i + 1, appliedHash(statements, i + 1));
                    continue;
                }
                settler.clearInvalidIndex(c, s);
                counted = runStatement(c, item, script, i, id, timeouts, event);
                settler.checkIndexValid(c, s, script);
            } catch (LockstepException gaveUp) {
                history.markFinished(c, id, started, ctx.clock().instant(), false,
                        PgSqlState.LOCK_NOT_AVAILABLE.code(), "gave up waiting for the sessions in its way");
                resetTimeouts(c);
                throw gaveUp;
            } catch (SQLException e) {
                if (inDoubt && i == done && settler.isOwnEarlierWork(s, e)) {
                    ctx.listener().notice(label(item) + ": " + script.location(s.offset())
                            + " was already done by the interrupted run; continuing");
                    counted = false;
                } else {
                    ServerError err = ServerError.of(e);
                    settler.dropInvalidAfterFailure(c, s);
                    history.markFinished(c, id, started, ctx.clock().instant(), false, err.sqlState(), err.message());
                    resetTimeouts(c);
                    throw FailureReport.of(script, s, e, label(item), ResumePoint.advice(item, script, i, "statement " + (i + 1)),
                            PgSqlState.LOCK_NOT_AVAILABLE.matches(e) ? guard.report(c, List.of(s)) : List.of());
                }
            }
            if (!counted) {
                history.markProgress(c, id, i + 1, appliedHash(statements, i + 1));
            }
        }
        history.markFinished(c, id, started, ctx.clock().instant(), true, null, null);
        resetTimeouts(c);
    }

    /** One explicit block, its failure recorded in the migration's history row. */
    private void runBlockRecorded(Connection c, PlanItem item, PreparedScript script, ExplicitBlocks.Block block,
                                  long id, Instant started, MigrationEvent event) throws SQLException {
        List<SqlStatement> statements = script.statements();
        try {
            new BlockRunner(ctx, history, guard, runner).run(c, item, script, block, id, event);
        } catch (LockstepException gaveUp) {
            history.markFinished(c, id, started, ctx.clock().instant(), false,
                    PgSqlState.LOCK_NOT_AVAILABLE.code(), "gave up waiting for the sessions in its way");
            resetTimeouts(c);
            throw gaveUp;
        } catch (BlockRunner.Failure f) {
            SQLException e = (SQLException) f.getCause();
            String advice = ResumePoint.advice(item, script, block.begin(), "the block at line "
                    + script.script().fileLine(statements.get(block.begin()).line()))
                    + (block.begin() == 0 ? "" : " (the failed block was rolled back as a whole)");
            if (PgSqlState.TRANSACTION_TIMEOUT.matches(e)) {
                // The server ended the session: the block is rolled back and the next run starts at it.
                throw FailureReport.of(script, f.statement, e, label(item), advice);
            }
            ServerError err = ServerError.of(e);
            history.markFinished(c, id, started, ctx.clock().instant(), false, err.sqlState(), err.message());
            resetTimeouts(c);
            throw FailureReport.of(script, f.statement, e, label(item), advice,
                    PgSqlState.LOCK_NOT_AVAILABLE.matches(e) ? guard.report(c, List.of(f.statement)) : List.of());
        }
    }

    /**
     * One statement of a statement-by-statement migration, waiting for the sessions in its way and
     * retrying when its lock is not available, within blocker-wait. Returns whether its progress was
     * recorded with it (in its transaction).
     */
    private boolean runStatement(Connection c, PlanItem item, PreparedScript script, int i, long id,
                                 TrafficGuard.Timeouts timeouts, MigrationEvent event) throws SQLException {
        List<SqlStatement> statements = script.statements();
        SqlStatement s = statements.get(i);
        WaitBudget budget = new WaitBudget(ctx.sleeper(), ctx.get(Setting.BLOCKER_WAIT));
        for (int attempt = 0; ; attempt++) {
            List<Blockers.Blocker> inTheWay = guard.awaitClear(c, ctx.tables().inUse(List.of(s)), script.lockTimeout(), budget,
                    label(item));
            if (!inTheWay.isEmpty()) {
                throw FailureReport.gaveUp(script, s, label(item), budget.total(), inTheWay);
            }
            if (attempt == 0) {
                guard.warnOldSnapshots(c, s, label(item));
            }
            Duration lockTimeout = budget.lockTimeout(script.lockTimeout());
            runner.lockTimeout(c, lockTimeout, false);
            String set = timeouts.switchTo(guard.timeoutFor(s), false);
            if (set != null) {
                runner.execute(c, set);
            }
            boolean inTransaction = s.info().transactional();
            if (!inTransaction) {
                history.markInFlight(c, id, i);
            }
            c.setAutoCommit(!inTransaction);
            try {
                runOne(c, s, i, statements.size(), event);
                if (inTransaction) {
                    history.markProgress(c, id, i + 1, appliedHash(statements, i + 1));
                    c.commit();
                }
                return inTransaction;
            } catch (SQLException e) {
                if (inTransaction) {
                    c.rollback();
                }
                if (!Backoff.retry(ctx, label(item), script, s, e, attempt, budget, lockTimeout)) {
                    throw e;
                }
            } finally {
                c.setAutoCommit(true);
            }
        }
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

    private void runOne(Connection c, SqlStatement s, int i, int n, MigrationEvent event) throws SQLException {
        runOne(ctx, runner, c, s, i, n, event);
    }

    /** Runs one statement of a migration, telling the listener, and passing on what the server warned of. */
    static void runOne(RunContext ctx, StatementRunner runner, Connection c, SqlStatement s, int i, int n,
                       MigrationEvent event) throws SQLException {
        ctx.listener().statementStarted(event, i + 1, n, s.sql());
        long t0 = System.nanoTime();
        List<String> warnings = runner.execute(c, s);
        ctx.listener().statementFinished(event, i + 1, Duration.ofNanos(System.nanoTime() - t0));
        for (String w : warnings) {
            ctx.listener().notice((event.version() == null ? event.script() : "migration " + event.version()) + ": "
                    + "statement " + (i + 1) + ": the server warns: " + w);
        }
    }

    /** The history row a run of the item starts, or (run in one transaction) ends with. */
    static NewRow newRow(RunContext ctx, PlanItem item, PreparedScript script, Instant started) {
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

    static String label(PlanItem item) {
        ResolvedMigration m = item.migration();
        String what = m.version() == null ? "repeatable migration '" + m.description() + "'"
                : "migration " + m.version().text();
        return item.action() == PlanItem.Action.ROLLBACK ? "rollback of " + what : what;
    }
}
