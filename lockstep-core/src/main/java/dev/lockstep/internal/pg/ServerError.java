package dev.lockstep.internal.pg;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A PostgreSQL error as the server reported it: SQLSTATE, message, detail, hint and the 1-based
 * character position in the statement (0 when the server gave none).
 */
public record ServerError(String sqlState, String message, String detail, String hint, int position) {

    public static ServerError of(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            return new ServerError(m.getSQLState(), m.getMessage(), m.getDetail(), m.getHint(), m.getPosition());
        }
        return new ServerError(e.getSQLState(), String.valueOf(e.getMessage()), null, null, 0);
    }

    public boolean is(PgSqlState state) {
        return state.matches(sqlState);
    }
}
