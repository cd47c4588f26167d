package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.ServerError;
import dev.lockstep.internal.sql.SqlStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Turns a failed statement into an error that names the file, line and column, SQLSTATE, detail and hint. */
final class FailureReport {
    private FailureReport() {
    }

    static LockstepException of(PreparedScript script, SqlStatement s, SQLException e, String label, String nextStep) {
        return of(script, s, e, label, nextStep, List.of());
    }

    /** @param blockers the sessions in the way when the statement gave up waiting for its lock */
    static LockstepException of(PreparedScript script, SqlStatement s, SQLException e, String label, String nextStep,
                                List<Blockers.Blocker> blockers) {
        ServerError err = ServerError.of(e);
        int offset = s.offset() + Math.max(0, err.position() - 1);
        StringBuilder msg = new StringBuilder();
        msg.append(label).append(" failed at ").append(script.location(offset)).append('\n')
                .append("  ERROR ").append(err.sqlState()).append(": ").append(err.message());
        if (err.detail() != null) {
            msg.append("\n  DETAIL: ").append(err.detail());
        }
        if (err.hint() != null) {
            msg.append("\n  HINT: ").append(err.hint());
        }
        msg.append("\n  statement: ").append(ScriptPreparer.firstLine(s.sql()));
        for (Blockers.Blocker b : blockers) {
            msg.append("\n  blocked by ").append(b.describe());
        }
        // A missing privilege or a read-only session is the setup's fault, not the migration's.
        boolean setup = err.is(PgSqlState.INSUFFICIENT_PRIVILEGE) || err.is(PgSqlState.READ_ONLY_SQL_TRANSACTION);
        ErrorCode code = err.is(PgSqlState.LOCK_NOT_AVAILABLE) ? ErrorCode.DDL_LOCK_TIMEOUT
                : err.is(PgSqlState.QUERY_CANCELED) || err.is(PgSqlState.TRANSACTION_TIMEOUT) ? ErrorCode.STATEMENT_TIMEOUT
                : setup ? ErrorCode.CONFIG : ErrorCode.MIGRATION_FAILED;
        String hint = code == ErrorCode.DDL_LOCK_TIMEOUT ? LOCK_HINT
                : err.is(PgSqlState.TRANSACTION_TIMEOUT) ? "nothing of it was applied: the transaction held a "
                + "write-blocking lock longer than ddl-statement-timeout, and the server ended it (transaction_timeout); "
                + "move the slow work after the lock into a migration of its own, or raise --ddl-statement-timeout "
                + "for a maintenance window"
                : setup ? "the migrating role may not do this: grant it the privilege (or run migrate as the owner of "
                + "the objects, on a writable server); " + nextStep : nextStep;
        return new LockstepException(code, msg.toString(), hint, e);
    }

    private static final String LOCK_HINT = "nothing of it was applied; the sessions above held the table: let them "
            + "finish (or end them: SELECT pg_terminate_backend(pid)) and run migrate again, or pass "
            + "--cancel-blockers idle-in-transaction|all";

    /**
     * The migration waited its whole blocker-wait for long-running sessions in its way and gave up
     * without ever queueing a lock request behind them.
     */
    static LockstepException gaveUp(PreparedScript script, SqlStatement s, String label, Duration waited,
                                    List<Blockers.Blocker> blockers) {
        StringBuilder msg = new StringBuilder();
        msg.append(label).append(" gave up at ").append(script.location(s.offset())).append(" after waiting ")
                .append(Durations.format(waited)).append(" (setting blocker-wait) for the sessions in its way; "
                        + "it asked for no lock while they held the table")
                .append("\n  statement: ").append(ScriptPreparer.firstLine(s.sql()));
        for (Blockers.Blocker b : blockers) {
            msg.append("\n  blocked by ").append(b.describe());
        }
        return new LockstepException(ErrorCode.DDL_LOCK_TIMEOUT, msg.toString(), LOCK_HINT
                + ", or raise --blocker-wait");
    }
}
