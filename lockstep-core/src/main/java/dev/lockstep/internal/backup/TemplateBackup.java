package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.BackupTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The {@code template} provider: the backup is a database on the same server, copied with CREATE
 * DATABASE ... TEMPLATE. Fast and file-less, for local, CI and embedded databases; PostgreSQL copies
 * only a database nobody else is connected to, so it is not for a database serving traffic.
 */
final class TemplateBackup implements BackupProvider {
    private static final int MAX_NAME = 63;

    private final Session session;
    private final Clock clock;

    /** @param session opens connections to the other databases of the target's server */
    TemplateBackup(Session session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "template";
    }

    /** The database a backup named {@code name} is kept in: lower case, at most 63 bytes. */
    static String databaseFor(String name) {
        String db = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return db.length() <= MAX_NAME ? db : db.substring(db.length() - MAX_NAME);
    }

    @Override
    public BackupManifest backup(BackupTarget target) throws SQLException {
        String copy = databaseFor(target.name());
        Instant started = clock.instant();
        try (Connection c = maintenance(target.database())) {
            copy(c, target.database(), copy);
        }
        return new BackupManifest(target.name(), 0, null, target.database(), target.host(), target.serverVersion(),
                null, target.environment(), target.migrationVersion(), started.toString(),
                Duration.between(started, clock.instant()).toMillis(), name(), copy);
    }

    /**
     * Restores by copying the backup database to {@code <target>_restoring} first (the target is not
     * touched if that fails), then dropping the target and renaming the copy into its place.
     */
    @Override
    public void restore(BackupTarget target, BackupManifest manifest, String toNew) throws SQLException {
        try (Connection c = maintenance(target.database())) {
            if (!exists(c, manifest.location())) {
                throw new LockstepException(ErrorCode.BACKUP, "the backup database " + manifest.location()
                        + " is gone; nothing was restored", "restore another backup (lockstep backup --list)");
            }
            if (toNew != null) {
                copy(c, manifest.location(), toNew);
                return;
            }
            String staging = databaseFor(target.database() + "_restoring");
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(staging));
            }
            copy(c, manifest.location(), staging);
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + Identifiers.quote(target.database()) + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new LockstepException(ErrorCode.BACKUP, "cannot drop " + target.database() + " to replace it: "
                        + e.getMessage() + "; the backup's copy is in " + staging,
                        "close the sessions on " + target.database() + " and restore again", e);
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + Identifiers.quote(staging) + " RENAME TO "
                        + Identifiers.quote(target.database()));
            } catch (SQLException e) {
                throw new LockstepException(ErrorCode.BACKUP, "the restored copy is in database " + staging
                        + " but could not be renamed to " + target.database() + ": " + e.getMessage(),
                        "ALTER DATABASE " + staging + " RENAME TO " + target.database(), e);
            }
        }
    }

    @Override
    public boolean delete(BackupTarget target, BackupManifest manifest) throws SQLException {
        try (Connection c = maintenance(target.database()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(manifest.location()));
            return true;
        }
    }

    private void copy(Connection c, String from, String to) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + Identifiers.quote(to) + " TEMPLATE " + Identifiers.quote(from));
        } catch (SQLException e) {
            if (PgSqlState.OBJECT_IN_USE.matches(e)) {
                throw new LockstepException(ErrorCode.BACKUP, "cannot copy " + from + ": other sessions are connected "
                        + "to it (" + e.getMessage() + "); nothing was written",
                        "the template provider needs the database to itself: stop the application, or use "
                                + "backup-provider = \"pg_dump\" for a database that serves traffic", e);
            }
            throw e;
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A connection to another database of the server: the copied one must have no sessions, ours included. */
    private Connection maintenance(String avoid) {
        return session.connectTo("postgres".equals(avoid) ? "template1" : "postgres");
    }
}
