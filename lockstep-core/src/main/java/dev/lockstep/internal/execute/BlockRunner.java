package dev.lockstep.internal.execute;

import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.spi.MigrationEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Runs one {@code BEGIN ... COMMIT} block a migration wrote itself, as one transaction, together with the
 * history update that counts it done: after a crash it has either happened and been counted, or neither,
 * and the next run starts at it. The transaction is the driver's (the file's BEGIN and COMMIT are not
 * sent as text, so there is never a "transaction already in progress"); the transaction modes the BEGIN
 * names are set with SET TRANSACTION. The block waits for sessions in its way and is retried as a whole
 * when a lock is not available, within blocker-wait; its statements run under the migration's
 * lock_timeout and, when they hold a write-blocking lock, ddl-statement-timeout.
 */
final class BlockRunner {
    /** For the history update of a block that ran SET ROLE: back to the session's user, until COMMIT. */
    private static final String OWN_ROLE = "SET LOCAL ROLE NONE";

    /** A statement of the block failed; the block is rolled back. */
    static final class Failure extends SQLException {
        final SqlStatement statement;

        Failure(SqlStatement statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.statement = statement;
        }
    }

    private final RunContext ctx;
    private final HistoryStore history;
    private final TrafficGuard guard;
    private final StatementRunner runner;

    BlockRunner(RunContext ctx, HistoryStore history, TrafficGuard guard, StatementRunner runner) {
        this.ctx = ctx;
        this.history = history;
        this.guard = guard;
        this.runner = runner;
    }

    void run(Connection c, PlanItem item, PreparedScript script, ExplicitBlocks.Block block, long id,
             MigrationEvent event) throws SQLException {
        List<SqlStatement> statements = script.statements();
        List<SqlStatement> work = statements.subList(block.begin() + 1, block.end());
        String label = MigrationExecutor.label(item);
        WaitBudget budget = new WaitBudget(ctx.sleeper(), ctx.get(dev.lockstep.Setting.BLOCKER_WAIT));
        for (int attempt = 0; ; attempt++) {
            List<Blockers.Blocker> inTheWay = guard.awaitClear(c, ctx.tables().inUse(work), script.lockTimeout(),
                    budget, label);
            if (!inTheWay.isEmpty()) {
                throw FailureReport.gaveUp(script, statements.get(block.begin()), label, budget.total(), inTheWay);
            }
            Duration lockTimeout = budget.lockTimeout(script.lockTimeout());
            TrafficGuard.Timeouts timeouts = new TrafficGuard.Timeouts();
            SqlStatement current = statements.get(block.begin());
            c.setAutoCommit(false);
            try {
                if (block.modes() != null) {
                    runner.execute(c, "SET TRANSACTION " + block.modes());
                }
                String bound = guard.transactionTimeout(c, work, script.lockTimeout());
                if (bound != null) {
                    runner.execute(c, bound);
                }
                runner.lockTimeout(c, lockTimeout, true);
                for (int k = block.begin() + 1; k < block.end(); k++) {
                    current = statements.get(k);
                    String set = timeouts.switchTo(guard.timeoutFor(current), true);
                    if (set != null) {
                        runner.execute(c, set);
                    }
                    MigrationExecutor.runOne(ctx, runner, c, current, k, statements.size(), event);
                }
                current = statements.get(block.end());
                int done = block.end() + 1;
                if (block.rollback()) {
                    // Written to end in ROLLBACK: what the block did is discarded, and it counts as run.
                    c.rollback();
                    c.setAutoCommit(true);
                    history.markProgress(c, id, done, ResumePoint.appliedHash(statements, done));
                } else {
                    runner.execute(c, OWN_ROLE);
                    history.markProgress(c, id, done, ResumePoint.appliedHash(statements, done));
                    c.commit();
                }
                return;
            } catch (SQLException e) {
                if (PgSqlState.TRANSACTION_TIMEOUT.matches(e)) {
                    throw new Failure(current, e);
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                if (!Backoff.retry(ctx, label, script, current, e, attempt, budget, lockTimeout)) {
                    throw new Failure(current, e);
                }
            } finally {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
