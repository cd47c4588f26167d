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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The {@code template} provider: the backup is a database on the same server, copied with CREATE
 * DATABASE ... TEMPLATE. Fast and file-less, for local, CI and embedded databases; PostgreSQL copies
 * only a database nobody else is connected to, so it is not for a database serving traffic. A restore
 * copies the backup database back ({@link RestoreRun} does it like a pg_dump restore: into a new
 * database, checked, then swapped in).
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

    @Override
    public boolean delete(BackupTarget target, BackupManifest manifest) throws SQLException {
        try (Connection c = maintenance(target.database()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(manifest.location()));
            return true;
        }
    }

    /** CREATE DATABASE {@code to} as a copy of {@code from}; a restore copies the backup database this way. */
    static void copy(Connection c, String from, String to) throws SQLException {
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

    /** A connection to another database of the server: the copied one must have no sessions, ours included. */
    private Connection maintenance(String avoid) {
        return session.connectTo("postgres".equals(avoid) ? "template1" : "postgres");
    }
}
