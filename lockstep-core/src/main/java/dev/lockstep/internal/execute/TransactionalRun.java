package dev.lockstep.internal.execute;

import static dev.lockstep.internal.execute.MigrationExecutor.label;
import static dev.lockstep.internal.execute.ResumePoint.appliedHash;

import dev.lockstep.Durations;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.NewRow;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.ServerError;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.spi.MigrationEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs a transactional migration in one transaction together with its history row: after a crash it has
 * either happened and been recorded, or neither. It waits for the sessions in its way first and is retried
 * as a whole when a lock is not available, within blocker-wait; runs of batchable statements go in one
 * round trip, the last one carrying the history row and the COMMIT.
 */
final class TransactionalRun {
    /** For the history row of a migration that ran SET ROLE: back to the session's user, until COMMIT. */
    private static final String OWN_ROLE = "SET LOCAL ROLE NONE";

    private final RunContext ctx;
    private final HistoryStore history;
    private final TrafficGuard guard;
    private final PipelinedBatch batch;
    private final StatementRunner runner;

    TransactionalRun(RunContext ctx, HistoryStore history, TrafficGuard guard, PipelinedBatch batch,
                     StatementRunner runner) {
        this.ctx = ctx;
        this.history = history;
        this.guard = guard;
        this.batch = batch;
        this.runner = runner;
    }

    void run(Connection c, PlanItem item, PreparedScript script, MigrationEvent event) throws SQLException {
        List<SqlStatement> statements = script.statements();
        List<int[]> groups = StatementGroups.of(statements);
        boolean lastIsBatch = !groups.isEmpty() && isBatch(statements, groups.get(groups.size() - 1));
        WaitBudget budget = new WaitBudget(ctx.sleeper(), ctx.get(Setting.BLOCKER_WAIT));
        for (int attempt = 0; ; attempt++) {
            List<Blockers.Blocker> inTheWay = guard.awaitClear(c, ctx.tables().inUse(statements), script.lockTimeout(), budget,
                    label(item));
            Instant started = ctx.clock().instant();
            NewRow row = MigrationExecutor.newRow(ctx, item, script, started);
            if (!inTheWay.isEmpty()) {
                LockstepException e = FailureReport.gaveUp(script, firstLocking(statements), label(item), budget.total(),
                        inTheWay);
                history.insertFailure(c, row, ctx.clock().instant(), PgSqlState.LOCK_NOT_AVAILABLE.code(),
                        "gave up waiting for the sessions in its way after " + Durations.format(budget.total()));
                throw e;
            }
            Duration lockTimeout = budget.lockTimeout(script.lockTimeout());
            SqlStatement current = null;
            TrafficGuard.Timeouts timeouts = new TrafficGuard.Timeouts();
            c.setAutoCommit(false);
            try {
                String bound = guard.transactionTimeout(c, statements, script.lockTimeout());
                if (bound != null) {
                    runner.execute(c, "SET LOCAL transaction_timeout = '" + bound + "'");
                }
                if (groups.isEmpty() || !isBatch(statements, groups.get(0))) {
                    runner.lockTimeout(c, lockTimeout, true);
                }
                for (int g = 0; g < groups.size(); g++) {
                    int[] group = groups.get(g);
                    current = statements.get(group[0]);
                    if (isBatch(statements, group)) {
                        // The last batch carries the history row and the COMMIT: one round trip. The row is
                        // written as the runner's own user, whatever role the migration switched to.
                        List<String> tail = g == groups.size() - 1 ? List.of(OWN_ROLE, history.insertSucceededSql(row,
                                statements.size(), appliedHash(statements, statements.size())), "COMMIT") : List.of();
                        batch.send(c, statements, group, g == 0 ? lockTimeout : null, tail, timeouts, event);
                    } else {
                        String set = timeouts.switchTo(guard.timeoutFor(current), true);
                        if (set != null) {
                            runner.execute(c, set);
                        }
                        MigrationExecutor.runOne(ctx, runner, c, current, group[0], statements.size(), event);
                    }
                }
                current = null;
                if (!lastIsBatch) {
                    runner.execute(c, OWN_ROLE);
                    history.insert(c, row, true, statements.size(), appliedHash(statements, statements.size()),
                            ctx.clock().instant());
                }
                c.commit();
                return;
            } catch (SQLException failure) {
                SQLException e = failure;
                if (failure instanceof PipelinedBatch.Failure batchFailure) {
                    current = batchFailure.statement;
                    e = (SQLException) batchFailure.getCause();
                }
                if (current != null && PgSqlState.TRANSACTION_TIMEOUT.matches(e)) {
                    throw FailureReport.of(script, current, e, label(item), null);
                }
                c.rollback();
                c.setAutoCommit(true);
                if (current != null && Backoff.retry(ctx, label(item), script, current, e, attempt, budget, lockTimeout)) {
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
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    /** The first statement that takes a lock traffic could be waiting behind: where a wait is reported. */
    private static SqlStatement firstLocking(List<SqlStatement> statements) {
        return statements.stream().filter(s -> s.info().lock().blocksWrites() && Blockers.matters(s.info().lock()))
                .findFirst().orElse(statements.get(0));
    }

    private static boolean isBatch(List<SqlStatement> statements, int[] group) {
        return group[1] - group[0] > 1 || StatementGroups.batchable(statements.get(group[0]));
    }
}
