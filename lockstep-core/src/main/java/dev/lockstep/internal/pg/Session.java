package dev.lockstep.internal.pg;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database one operation talks to, resolved from the configuration's {@link Target} (the embedded
 * server is started on first use). Opens connections, to the target or to another database on the
 * same server, and closes them all at the end. The one place Lockstep opens connections.
 */
public final class Session implements AutoCloseable {
    /**
     * What was already said to a listener: one command (one listener) opens many sessions, and says which
     * server it uses once.
     */
    private static final Map<RunListener, Set<String>> ANNOUNCED = Collections.synchronizedMap(new WeakHashMap<>());

    private final Connector connector;
    private final LockstepConfig config;
    private final RunListener listener;
    /** Connections may be opened from more than one thread (a snapshot reads on two at once). */
    private final List<Connection> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean identified;
    private DatabaseIdentity identity;
    private SQLException unidentified;

    private Session(Connector connector, LockstepConfig config, RunListener listener) {
        this.connector = connector;
        this.config = config;
        this.listener = listener;
    }

    public static Session open(LockstepConfig config, RunListener listener, String applicationName) {
        return open(config, listener, applicationName, false);
    }

    /**
     * A session on the server the configuration names, for creating databases there: on the embedded
     * server its maintenance database, without creating the project's own.
     */
    public static Session openServer(LockstepConfig config, RunListener listener, String applicationName) {
        return open(config, listener, applicationName, true);
    }

    private static Session open(LockstepConfig config, RunListener listener, String applicationName, boolean server) {
        Target target = Target.of(config);
        var timeout = config.get(Setting.CONNECT_TIMEOUT);
        if (target instanceof Target.Provided p) {
            return new Session(Connector.of(p.dataSource(), timeout, applicationName), config, listener);
        }
        ConnectionTarget where;
        if (target instanceof Target.Url u) {
            where = ConnectionTarget.parse(u.url(), config.variables());
        } else if (target instanceof Target.Embedded e) {
            where = server ? EmbeddedTarget.server(config, e.home(), listener)
                    : EmbeddedTarget.resolve(config, e.home(), listener);
        } else {
            where = ConnectionTarget.fromEnv(config.variables());
        }
        if (where.password() == null && !(target instanceof Target.Embedded)) {
            PgPass.ignoredWarning(config.variables()).ifPresent(w -> announceOnce(listener, w, w));
        }
        Connector connector = new Connector(where, timeout, applicationName, listener::notice);
        return new Session(target instanceof Target.Url u ? connector.urlFrom(u.source()) : connector, config, listener);
    }

    /** Tells the listener once per command (one command opens many sessions); {@code key} says what is the same. */
    static void announceOnce(RunListener listener, String key, String message) {
        if (ANNOUNCED.computeIfAbsent(listener, l -> ConcurrentHashMap.newKeySet()).add(key)) {
            listener.notice(message);
        }
    }

    /** Where and as whom, never with a password in {@link ConnectionTarget#display()}. */
    public ConnectionTarget target() {
        return connector.target();
    }

    /**
     * A new connection to the target, closed with the session. The first one checks that the database is
     * the one the environment pins ({@code database-id}), before anything else runs on it.
     */
    public Connection connect() {
        Connection c = keep(connector.open());
        if (!identified && config.get(Setting.DATABASE_ID) != null) {
            identify(c);
            TargetIdentity.check(config, target(), identity, unidentified);
        }
        return c;
    }

    /**
     * Tells the listener, once per listener, which database a writing command works on: environment,
     * user, host, database, identity and where the URL came from. Not for the embedded server without an
     * environment: its own notice names the database.
     */
    public void announceTarget() {
        // The embedded server's own line already says which database it is, and no environment is in play.
        if (Target.of(config) instanceof Target.Embedded && config.environment() == null) {
            return;
        }
        if (!ANNOUNCED.computeIfAbsent(listener, l -> ConcurrentHashMap.newKeySet()).add("the target")) {
            return;
        }
        if (!identified) {
            identify(open.isEmpty() ? connect() : open.get(0));
        }
        listener.notice(TargetIdentity.describe(config, target(), identity, unidentified));
    }

    /** The database's identity, or null when this role may not read it. */
    public DatabaseIdentity identity() {
        if (!identified) {
            identify(open.isEmpty() ? connect() : open.get(0));
        }
        return identity;
    }

    /** The database's identity; an error saying why when this role may not read it. */
    public DatabaseIdentity requireIdentity() {
        DatabaseIdentity id = identity();
        if (id == null) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot read the identity of " + target().display()
                    + ": pg_control_system() failed: " + Redactor.redact(unidentified.getMessage(), target().password()),
                    "let the role run it: GRANT EXECUTE ON FUNCTION pg_control_system() TO ...", unidentified);
        }
        return id;
    }

    /** Waits until the target accepts connections; see {@link Connector#await}. */
    public Connector.Awaited await(java.time.Duration timeout, java.util.function.Consumer<String> progress) {
        return connector.await(timeout, progress);
    }

    private void identify(Connection c) {
        identified = true;
        try {
            identity = DatabaseIdentity.read(c);
        } catch (SQLException e) {
            unidentified = e;
        }
    }

    /** A new connection to another database on the same server, as the same user, closed with the session. */
    public Connection connectTo(String database) {
        return keep(connector.openDatabase(database));
    }

    private Connection keep(Connection c) {
        open.add(c);
        return c;
    }

    /** Maps an unexpected database error to an error naming the database, password removed. */
    public LockstepException unexpected(SQLException e, String doing) {
        return new LockstepException(ErrorCode.MIGRATION_FAILED, doing + " on " + target().display() + " failed: "
                + Redactor.redact(e.getMessage(), target().password()) + " (SQLSTATE " + e.getSQLState() + ")",
                "check the database and run again", e);
    }

    @Override
    public void close() {
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing is best effort: the server ends the session when the socket closes.
            }
        }
        open.clear();
    }
}
