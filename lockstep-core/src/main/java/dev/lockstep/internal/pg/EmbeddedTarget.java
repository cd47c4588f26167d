package dev.lockstep.internal.pg;

import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.embedded.EmbeddedServers;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded server as a target: the user's one server (started when needed) and, on it, a database
 * of the project directory's own, created on first use, so that projects sharing the server never see
 * each other's history.
 */
public final class EmbeddedTarget {
    private EmbeddedTarget() {
    }

    /** This project's database on the embedded server in {@code home}; says once per command which one. */
    public static ConnectionTarget resolve(LockstepConfig config, Path home, RunListener listener) {
        return start(config, home, listener).target();
    }

    /** The project's database, and the server as found or started. */
    public record Started(ConnectionTarget target, EmbeddedServer.Running running) {
    }

    public static Started start(LockstepConfig config, Path home, RunListener listener) {
        EmbeddedServer server = new EmbeddedServer(home);
        Duration idleStop = config.get(Setting.EMBEDDED_IDLE_STOP);
        EmbeddedServer.Running running = server.ensureRunning(idleStop);
        new EmbeddedServers(Target.embeddedRegistry(config)).register(server.home());
        String database = EmbeddedServer.databaseFor(config.workDir());
        ConnectionTarget target = ConnectionTarget.parse(running.status().jdbcUrl(database), config.variables());
        boolean created = ensureDatabase(target, config);
        String where = shown(config, server.home()) + ", port " + running.status().port()
                + (created ? ", new database " : ", database ") + database;
        String key = "embedded " + server.home();
        if (running.started()) {
            Session.announceOnce(listener, key, "Started the embedded PostgreSQL (" + where + "). It stops "
                    + (idleStop.isZero() ? "with 'lockstep embedded stop'" : "after " + Durations.exact(idleStop)
                    + " unused, or with 'lockstep embedded stop'") + "; --url uses another database.");
        } else {
            Session.announceOnce(listener, key, "Using the embedded PostgreSQL (" + where + ").");
        }
        return new Started(target, running);
    }

    /** Creates the project's database on the embedded server unless it exists; returns whether it did. */
    private static boolean ensureDatabase(ConnectionTarget target, LockstepConfig config) {
        Connector maintenance = new Connector(target.withDatabase(EmbeddedServer.DATABASE),
                config.get(Setting.CONNECT_TIMEOUT), "lockstep");
        try (Connection c = maintenance.open()) {
            if (exists(c, target.database())) {
                return false;
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + Identifiers.quote(target.database()));
                return true;
            } catch (SQLException e) {
                // another invocation created it at the same moment (42P04, or a unique violation in the catalog)
                if (exists(c, target.database())) {
                    return false;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "cannot create the database " + target.database()
                    + " on the embedded PostgreSQL: " + e.getMessage(), "see the server log", e);
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, database);
            try (ResultSet rs = check.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** {@code ~/.lockstep/embedded} under the home directory; relative to the working directory when inside it. */
    static String shown(LockstepConfig config, Path home) {
        String userHome = config.variables().get("HOME");
        if (userHome != null && !userHome.isBlank() && home.startsWith(Path.of(userHome))
                && !home.startsWith(config.workDir())) {
            return "~/" + Path.of(userHome).relativize(home);
        }
        return config.shown(home);
    }
}
