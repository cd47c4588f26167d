package dev.lockstep.internal.pg;

import java.sql.SQLException;

/** The SQLSTATE codes Lockstep acts on. Never compare SQLSTATEs as inline strings elsewhere. */
public enum PgSqlState {
    LOCK_NOT_AVAILABLE("55P03"),
    QUERY_CANCELED("57014"),
    /** PostgreSQL 17+: the session was ended because its transaction outlived transaction_timeout. */
    TRANSACTION_TIMEOUT("25P04"),
    ADMIN_SHUTDOWN("57P01"),
    /** The server is starting up, shutting down or in recovery without hot standby. */
    CANNOT_CONNECT_NOW("57P03"),
    INVALID_PASSWORD("28P01"),
    INVALID_AUTHORIZATION("28000"),
    INVALID_CATALOG_NAME("3D000"),
    CONNECTION_FAILURE("08001"),
    /** pgjdbc's state for a login it could not even attempt, e.g. no password for a server that wants one. */
    CONNECTION_REJECTED("08004"),
    CONNECTION_EXCEPTION("08006"),
    UNDEFINED_TABLE("42P01"),
    DUPLICATE_TABLE("42P07"),
    DUPLICATE_OBJECT("42710"),
    DUPLICATE_COLUMN("42701"),
    DUPLICATE_SCHEMA("42P06"),
    DUPLICATE_FUNCTION("42723"),
    OBJECT_IN_USE("55006"),
    DEADLOCK_DETECTED("40P01"),
    SERIALIZATION_FAILURE("40001"),
    ACTIVE_SQL_TRANSACTION("25001"),
    SYNTAX_ERROR("42601"),
    INSUFFICIENT_PRIVILEGE("42501"),
    READ_ONLY_SQL_TRANSACTION("25006");

    private final String code;

    PgSqlState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean matches(SQLException e) {
        return e != null && code.equals(e.getSQLState());
    }

    public boolean matches(String sqlState) {
        return code.equals(sqlState);
    }

    /** Whether the exception, or any exception it chains to, has this state. */
    public boolean matchesChain(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && matches(s)) {
                return true;
            }
        }
        return false;
    }
}
