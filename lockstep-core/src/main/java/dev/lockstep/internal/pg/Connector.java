package dev.lockstep.internal.pg;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** Opens connections to a {@link ConnectionTarget}, turning failures into errors a user can act on. */
public final class Connector {
    private final ConnectionTarget target;
    private final Duration connectTimeout;
    private final String applicationName;

    public Connector(ConnectionTarget target, Duration connectTimeout, String applicationName) {
        this.target = target;
        this.connectTimeout = connectTimeout;
        this.applicationName = applicationName;
    }

    public ConnectionTarget target() {
        return target;
    }

    public Connection open() {
        try {
            return DriverManager.getConnection(target.jdbcUrl(),
                    target.jdbcProperties((int) Math.ceil(connectTimeout.toMillis() / 1000.0), applicationName));
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private LockstepException translate(SQLException e) {
        String where = target.display();
        String message = Redactor.redact(String.valueOf(e.getMessage()), target.password());
        if (PgSqlState.INVALID_PASSWORD.matches(e) || PgSqlState.INVALID_AUTHORIZATION.matches(e)) {
            return new LockstepException(ErrorCode.CONNECTION, "login to " + where + " failed: " + message,
                    "check the user and password in the URL, PGPASSWORD or ~/.pgpass", null);
        }
        if (PgSqlState.INVALID_CATALOG_NAME.matches(e)) {
            return new LockstepException(ErrorCode.CONNECTION, "database " + target.database() + " does not exist on "
                    + target.host() + ":" + target.port(), "create it first (createdb " + target.database()
                    + ") or fix the database name in the URL", null);
        }
        return new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": " + message,
                "check that the server is running and reachable, and the host and port in --url / DATABASE_URL "
                        + "(connect timeout " + connectTimeout.toSeconds() + "s, setting connect-timeout)", null);
    }
}
