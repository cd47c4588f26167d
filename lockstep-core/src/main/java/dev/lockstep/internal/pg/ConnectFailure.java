package dev.lockstep.internal.pg;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Why an attempt to connect failed, as far as trying again later could help. */
enum ConnectFailure {
    /** Nothing listens on the port (yet). */
    REFUSED("connection refused"),
    /** The server answers, but is starting up, shutting down or in recovery (SQLSTATE 57P03). */
    STARTING("the database system is starting up (57P03)"),
    /** The host name does not resolve (yet). */
    UNKNOWN_HOST("the host name cannot be resolved"),
    /** No route to the host. */
    UNREACHABLE("the host is unreachable"),
    /** No answer within the connect timeout. */
    TIMED_OUT("no answer"),
    /** The server closed the connection during the login. */
    LOST("the server closed the connection during the login"),
    /** The server refused the user or password. */
    LOGIN("the login was refused"),
    /** The database does not exist on the server. */
    NO_DATABASE("the database does not exist"),
    OTHER("the connection failed");

    private final String summary;

    ConnectFailure(String summary) {
        this.summary = summary;
    }

    /** A few words for a progress line: {@code connection refused}. */
    String summary() {
        return summary;
    }

    /** Whether the server may accept connections later: a command that waits tries again. */
    boolean transientFailure() {
        return this != LOGIN && this != NO_DATABASE && this != OTHER;
    }

    static ConnectFailure of(SQLException e) {
        if (PgSqlState.INVALID_PASSWORD.matches(e) || PgSqlState.INVALID_AUTHORIZATION.matches(e)
                || String.valueOf(e.getMessage()).contains("no password was provided")) {
            return LOGIN;
        }
        if (PgSqlState.INVALID_CATALOG_NAME.matches(e)) {
            return NO_DATABASE;
        }
        if (PgSqlState.CANNOT_CONNECT_NOW.matches(e)) {
            return STARTING;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return REFUSED;
            }
            if (t instanceof UnknownHostException) {
                return UNKNOWN_HOST;
            }
            if (t instanceof NoRouteToHostException) {
                return UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return TIMED_OUT;
            }
            if (t instanceof EOFException || t instanceof SocketException) {
                return LOST;
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("timed out")) {
            return TIMED_OUT;
        }
        return PgSqlState.CONNECTION_EXCEPTION.matches(e) ? LOST : OTHER;
    }
}
