package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.ServerError;
import dev.lockstep.internal.sql.SqlStatement;
import java.sql.SQLException;
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
        ErrorCode code = err.is(PgSqlState.LOCK_NOT_AVAILABLE) ? ErrorCode.DDL_LOCK_TIMEOUT
                : err.is(PgSqlState.QUERY_CANCELED) || err.is(PgSqlState.TRANSACTION_TIMEOUT) ? ErrorCode.STATEMENT_TIMEOUT
                : ErrorCode.MIGRATION_FAILED;
        String hint = code == ErrorCode.DDL_LOCK_TIMEOUT ? "nothing of it was applied; the sessions above held the "
                + "table: let them finish (or end them: SELECT pg_terminate_backend(pid)) and run migrate again, or "
                + "pass --cancel-blockers idle-in-transaction|all"
                : err.is(PgSqlState.TRANSACTION_TIMEOUT) ? "nothing of it was applied: the transaction held a "
                + "write-blocking lock longer than ddl-statement-timeout, and the server ended it (transaction_timeout); "
                + "move the slow work after the lock into a migration of its own, or raise --ddl-statement-timeout "
                + "for a maintenance window" : nextStep;
        return new LockstepException(code, msg.toString(), hint, e);
    }
}
