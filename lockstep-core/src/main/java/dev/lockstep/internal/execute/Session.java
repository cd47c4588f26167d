package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.internal.pg.Connector;
import dev.lockstep.internal.pg.Redactor;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database one operation talks to, resolved from the configuration: the URL, else the PG*
 * variables, else the embedded server (started on first use). Opens connections and closes them all
 * at the end.
 */
public final class Session implements AutoCloseable {
    private final Connector connector;
    private final List<Connection> open = new ArrayList<>();

    private Session(Connector connector) {
        this.connector = connector;
    }

    public static Session open(LockstepConfig config, RunListener listener, String applicationName) {
        ConnectionTarget target;
        if (config.url() != null) {
            target = ConnectionTarget.parse(config.url(), config.connectionEnv());
        } else if ("PG* variables".equals(config.urlSource())) {
            target = ConnectionTarget.fromEnv(config.connectionEnv());
        } else {
            EmbeddedServer server = new EmbeddedServer(config.embeddedDir());
            EmbeddedServer.Running running = server.ensureRunning();
            String where = config.workDir().relativize(server.dataDirectory()) + ", port " + running.status().port();
            listener.notice(running.started()
                    ? "Started the embedded PostgreSQL (" + where + "); it keeps running for the next command. "
                            + "Stop it with 'lockstep embedded stop'; use --url for another database."
                    : "Using the embedded PostgreSQL (" + where + ").");
            target = ConnectionTarget.parse(running.status().jdbcUrl(), config.connectionEnv());
        }
        return new Session(new Connector(target, config.connectTimeout(), applicationName));
    }

    public ConnectionTarget target() {
        return connector.target();
    }

    /** A new connection, closed with the session. */
    public Connection connect() {
        Connection c = connector.open();
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
