package dev.lockstep.internal.pg;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Opens connections to a {@link ConnectionTarget} (or from an application's {@link DataSource}),
 * turning failures into errors a user can act on.
 */
public final class Connector {
    private ConnectionTarget target;
    private final DataSource dataSource;
    private final Duration connectTimeout;
    private final String applicationName;

    public Connector(ConnectionTarget target, Duration connectTimeout, String applicationName) {
        this(target, null, connectTimeout, applicationName);
    }

    private Connector(ConnectionTarget target, DataSource dataSource, Duration connectTimeout, String applicationName) {
        this.target = target;
        this.dataSource = dataSource;
        this.connectTimeout = connectTimeout;
        this.applicationName = applicationName;
    }

    /** Connections from the application's pool; the target is read from the first connection's metadata. */
    static Connector of(DataSource dataSource, Duration connectTimeout, String applicationName) {
        return new Connector(null, dataSource, connectTimeout, applicationName);
    }

    /** Where and as whom; for a data source, as its first connection reports it. */
    public synchronized ConnectionTarget target() {
        if (target == null) {
            try (Connection c = dataSource.getConnection()) {
                target = describe(c);
            } catch (SQLException e) {
                throw translate(e, null, "the application's data source");
            }
        }
        return target;
    }

    public Connection open() {
        if (dataSource != null) {
            try {
                Connection c = dataSource.getConnection();
                synchronized (this) {
                    if (target == null) {
                        target = describe(c);
                    }
                }
                return c;
            } catch (SQLException e) {
                throw translate(e, null, "the application's data source");
            }
        }
        return open(target);
    }

    /** Another database on the same server, as the same user. */
    public Connection openDatabase(String database) {
        return open(target().withDatabase(database));
    }

    private Connection open(ConnectionTarget t) {
        try {
            return DriverManager.getConnection(t.jdbcUrl(),
                    t.jdbcProperties((int) Math.ceil(connectTimeout.toMillis() / 1000.0), applicationName));
        } catch (SQLException e) {
            throw translate(e, t, t.display());
        }
    }

    private static ConnectionTarget describe(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        String user = c.getMetaData().getUserName();
        ConnectionTarget t = ConnectionTarget.parse(url, Map.of());
        return user == null ? t : t.withUser(user);
    }

    private LockstepException translate(SQLException e, ConnectionTarget t, String where) {
        String message = Redactor.redact(withCause(e), t == null ? null : t.password());
        if (PgSqlState.CONNECTION_REJECTED.matches(e) && String.valueOf(e.getMessage()).contains("no password")) {
            return new LockstepException(ErrorCode.CONNECTION, "login to " + where + " failed: the server asks for "
                    + "the password of " + (t == null ? "the user" : t.user()) + " and none was given",
                    "give it in the URL (postgres://user:password@host/db), in PGPASSWORD, or in ~/.pgpass "
                            + "(host:port:database:user:password, readable by you only)", null);
        }
        if (PgSqlState.INVALID_PASSWORD.matches(e) || PgSqlState.INVALID_AUTHORIZATION.matches(e)) {
            return new LockstepException(ErrorCode.CONNECTION, "login to " + where + " failed: " + message,
                    "check the user and password in the URL, PGPASSWORD or ~/.pgpass", null);
        }
        if (PgSqlState.INVALID_CATALOG_NAME.matches(e) && t != null) {
            return new LockstepException(ErrorCode.CONNECTION, "database " + t.database() + " does not exist on "
                    + t.host() + ":" + t.port(), "create it first (createdb " + t.database()
                    + ") or fix the database name in the URL", null);
        }
        String check = t != null && t.viaSocket() ? "that the server is running and listens on the socket "
                + UnixSocketFactory.socketFile(t.host(), t.port()) + " (its unix_socket_directories and port)"
                : "that the server is running and reachable, and the host and port in --url / DATABASE_URL";
        return new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": " + message,
                "check " + check + " (connect timeout " + connectTimeout.toSeconds() + "s, setting connect-timeout)",
                null);
    }

    /** The driver's message and, when it adds something, the operating system's reason below it. */
    private static String withCause(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root == e ? null : root.getMessage();
        return reason == null || message.contains(reason) ? message : message + " (" + reason + ")";
    }
}
