package dev.lockstep.internal.pg;

import dev.lockstep.Durations;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Opens connections to a {@link ConnectionTarget} (or from an application's {@link DataSource}),
 * turning failures into errors a user can act on. A server that refuses connections or is still
 * starting up is tried again with backoff until {@code connect-timeout} has passed: a database that
 * is restarting, or a container started a moment ago, is waited for rather than failed at once.
 */
public final class Connector {
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    /**
     * PostgreSQL's driver, used directly: DriverManager would first look for every JDBC driver on the class
     * path (a service-loader scan of each jar), which a short command notices.
     */
    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    private ConnectionTarget target;
    private final DataSource dataSource;
    private final Duration connectTimeout;
    private final String applicationName;
    private final Consumer<String> retrying;
    /** Where the URL was given ({@code --url}, {@code --scratch-url}, {@code DATABASE_URL}...), for hints. */
    private final String urlSource;

    public Connector(ConnectionTarget target, Duration connectTimeout, String applicationName) {
        this(target, null, connectTimeout, applicationName, problem -> { }, null);
    }

    /** @param retrying hears why a connection is tried again (once per kind of problem) */
    public Connector(ConnectionTarget target, Duration connectTimeout, String applicationName,
                     Consumer<String> retrying) {
        this(target, null, connectTimeout, applicationName, retrying, null);
    }

    private Connector(ConnectionTarget target, DataSource dataSource, Duration connectTimeout, String applicationName,
                      Consumer<String> retrying, String urlSource) {
        this.target = target;
        this.dataSource = dataSource;
        this.connectTimeout = connectTimeout;
        this.applicationName = applicationName;
        this.retrying = retrying;
        this.urlSource = urlSource;
    }

    /** The same connector, its hints naming {@code source} as where the URL came from. */
    Connector urlFrom(String source) {
        return new Connector(target, dataSource, connectTimeout, applicationName, retrying, source);
    }

    /** Connections from the application's pool; the target is read from the first connection's metadata. */
    static Connector of(DataSource dataSource, Duration connectTimeout, String applicationName) {
        return new Connector(null, dataSource, connectTimeout, applicationName, problem -> { }, null);
    }

    /** How a wait for the server ended: after how many attempts and how long, and the first problem seen. */
    public record Awaited(int attempts, Duration waited, String firstProblem) {
    }

    /** Where and as whom; for a data source, as its first connection reports it. */
    public synchronized ConnectionTarget target() {
        if (target == null) {
            try (Connection c = dataSource.getConnection()) {
                target = describe(c);
            } catch (SQLException e) {
                throw translate(e, null, "the application's data source", 1, Duration.ZERO);
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
                throw translate(e, null, "the application's data source", 1, Duration.ZERO);
            }
        }
        return open(target, connectTimeout, false, retries(target));
    }

    /** Another database on the same server, as the same user. */
    public Connection openDatabase(String database) {
        ConnectionTarget other = target().withDatabase(database);
        return open(other, connectTimeout, false, retries(other));
    }

    /**
     * Waits until the server accepts a connection: refused, starting up, a host name not yet in DNS and
     * no answer are tried again until {@code timeout}, then fail with {@link ErrorCode#SERVER_UNAVAILABLE};
     * a refused login or a missing database fail at once (waiting would not help).
     *
     * @param progress hears each new kind of problem, as it first appears
     */
    public Awaited await(Duration timeout, Consumer<String> progress) {
        long start = System.nanoTime();
        Attempts attempts = new Attempts(progress);
        try (Connection c = dataSource != null ? open() : open(target, timeout, true, attempts)) {
            return new Awaited(Math.max(1, attempts.count), Duration.ofNanos(System.nanoTime() - start),
                    attempts.first);
        } catch (SQLException e) {
            // Closing failed: the connection was made, which is all a wait asks.
            return new Awaited(Math.max(1, attempts.count), Duration.ofNanos(System.nanoTime() - start),
                    attempts.first);
        } catch (LockstepException e) {
            if (attempts.last == null || !attempts.last.transientFailure()) {
                throw e;
            }
            throw new LockstepException(ErrorCode.SERVER_UNAVAILABLE, target.display() + " did not accept "
                    + "connections within " + Durations.format(timeout) + " (" + attempts.count + " attempts; last: "
                    + attempts.last.summary() + ")", "see whether the server is starting (its log) and the host and "
                    + "port are right, or wait longer with --timeout", e);
        }
    }

    private Attempts retries(ConnectionTarget t) {
        return new Attempts(problem -> retrying.accept(t.display() + ": " + problem + "; trying again for up to "
                + Durations.format(connectTimeout) + " (setting connect-timeout)"));
    }

    /** What the attempts of one connect saw. */
    private static final class Attempts {
        final Consumer<String> progress;
        int count;
        ConnectFailure last;
        String first;

        Attempts(Consumer<String> progress) {
            this.progress = progress;
        }

        void failed(ConnectFailure failure) {
            if (progress != null && failure != last) {
                progress.accept(failure.summary());
            }
            first = first == null ? failure.summary() : first;
            last = failure;
        }
    }

    private Connection open(ConnectionTarget t, Duration budget, boolean waiting, Attempts attempts) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            attempts.count++;
            long left = deadline - System.nanoTime();
            try {
                Connection c = DRIVER.connect(t.jdbcUrl(), t.jdbcProperties(seconds(left), applicationName));
                if (c == null) {
                    throw new SQLException("the PostgreSQL driver does not accept the connection URL",
                            PgSqlState.CONNECTION_FAILURE.code());
                }
                return c;
            } catch (SQLException e) {
                ConnectFailure failure = ConnectFailure.of(e);
                left = deadline - System.nanoTime();
                boolean retry = waiting ? failure.transientFailure()
                        : failure == ConnectFailure.REFUSED || failure == ConnectFailure.STARTING;
                if (!retry || left <= 0) {
                    attempts.last = failure;
                    throw translate(e, t, t.display(), attempts.count, Duration.ofNanos(System.nanoTime() - start));
                }
                attempts.failed(failure);
                pause(Duration.ofNanos(Math.min(pause.toNanos(), left)), e, t);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static int seconds(long nanos) {
        return (int) Math.max(1, Math.ceil(nanos / 1e9));
    }

    private void pause(Duration d, SQLException e, ConnectionTarget t) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw translate(e, t, t.display(), 1, Duration.ZERO);
        }
    }

    private static ConnectionTarget describe(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        String user = c.getMetaData().getUserName();
        ConnectionTarget t = ConnectionTarget.parse(url, Map.of());
        return user == null ? t : t.withUser(user);
    }

    private LockstepException translate(SQLException e, ConnectionTarget t, String where, int attempts,
                                        Duration took) {
        String message = Redactor.redact(withCause(e), t == null ? null : t.password());
        String tried = attempts > 1 ? " (" + attempts + " attempts in " + Durations.format(took)
                + ", setting connect-timeout " + Durations.format(connectTimeout) + ")" : "";
        String wait = "; to wait for a server that is starting: lockstep wait --timeout 60s, or raise connect-timeout";
        String hostPort = t == null ? where : t.viaSocket() ? UnixSocketFactory.socketFile(t.host(), t.port()).toString()
                : t.host() + ":" + t.port();
        return switch (ConnectFailure.of(e)) {
            case LOGIN -> PgSqlState.CONNECTION_REJECTED.matches(e)
                    ? new LockstepException(ErrorCode.CONNECTION, "login to " + where + " failed: the server asks for "
                    + "the password of " + (t == null ? "the user" : t.user()) + " and none was given",
                    "give it in the URL (postgres://user:password@host/db), in PGPASSWORD, or in ~/.pgpass "
                            + "(host:port:database:user:password, readable by you only)", null)
                    : new LockstepException(ErrorCode.CONNECTION, "login to " + where + " failed: " + message,
                    "check the user and password in the URL, PGPASSWORD or ~/.pgpass (which must not be readable by "
                            + "group or others: chmod 600)", null);
            case NO_DATABASE -> t == null ? other(t, where, message)
                    : new LockstepException(ErrorCode.CONNECTION, "database " + t.database() + " does not exist on "
                    + hostPort, "create it first (createdb " + t.database() + ") or fix the database name in the URL",
                    null);
            case REFUSED -> new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": connection "
                    + "refused, nothing listens on " + hostPort + tried, "check " + check(t) + wait, null);
            case STARTING -> new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": the server "
                    + "does not accept connections yet: " + message + tried, "it is starting up, shutting down or "
                    + "in recovery" + wait, null);
            case UNKNOWN_HOST -> new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": the "
                    + "host name '" + (t == null ? where : t.host()) + "' cannot be resolved (unknown host)",
                    "check the host name in the URL; a host that is not in DNS yet (a new container or service) is "
                            + "waited for by: lockstep wait --timeout 60s", null);
            case UNREACHABLE -> new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": no route "
                    + "to host " + hostPort, "check the host name and the network in between", null);
            case TIMED_OUT -> new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": no answer "
                    + "within " + Durations.format(took), "check " + check(t) + ", and any firewall in between "
                    + "(connect timeout " + connectTimeout.toSeconds() + "s, setting connect-timeout)", null);
            default -> other(t, where, message);
        };
    }

    /** What to check for a server that cannot be reached: its socket, or its host and port. */
    private String check(ConnectionTarget t) {
        return t != null && t.viaSocket() ? "that the server is running and listens on the socket "
                + UnixSocketFactory.socketFile(t.host(), t.port()) + " (its unix_socket_directories and port)"
                : "that the server is running and reachable, and the host and port in "
                        + (urlSource != null ? urlSource : "--url / DATABASE_URL");
    }

    private LockstepException other(ConnectionTarget t, String where, String message) {
        return new LockstepException(ErrorCode.CONNECTION, "cannot connect to " + where + ": " + message,
                "check " + check(t) + " (connect timeout " + connectTimeout.toSeconds() + "s, setting connect-timeout)",
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
