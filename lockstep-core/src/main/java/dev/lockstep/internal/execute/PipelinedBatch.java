package dev.lockstep.internal.execute;

import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.spi.MigrationEvent;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Sends a group of a transactional migration's statements as one pipelined JDBC batch: one round trip
 * instead of one per statement. The server runs what it was sent even when the runner is gone by then,
 * which is why the batch that ends a migration also carries its history row and COMMIT.
 */
final class PipelinedBatch {
    private final RunContext ctx;
    private final TrafficGuard guard;

    PipelinedBatch(RunContext ctx, TrafficGuard guard) {
        this.ctx = ctx;
        this.guard = guard;
    }

    /**
     * Sends statements {@code group[0]} to {@code group[1]} (exclusive), after {@code SET LOCAL lock_timeout}
     * when {@code lockTimeout} is given, and {@code tail} after them. When it fails, the failed statement is
     * the one whose text the driver quotes in its error; the {@link Failure} carries the server's error.
     */
    void send(Connection c, List<SqlStatement> statements, int[] group, Duration lockTimeout, List<String> tail,
              TrafficGuard.Timeouts timeouts, MigrationEvent event) throws SQLException {
        if (group[1] - group[0] == 1) {
            ctx.listener().statementStarted(event, group[0] + 1, statements.size(), statements.get(group[0]).sql());
        } else {
            ctx.listener().batchStarted(event, group[0] + 1, group[1], statements.size());
        }
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            if (lockTimeout != null) {
                st.addBatch(StatementRunner.lockTimeoutSql(lockTimeout, true));
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
        } catch (BatchUpdateException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new Failure(failedStatement(statements, group, e.getMessage()), cause);
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
    static final class Failure extends SQLException {
        final transient SqlStatement statement;

        Failure(SqlStatement statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.statement = statement;
        }
    }
}
