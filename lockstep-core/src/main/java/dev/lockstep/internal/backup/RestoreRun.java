package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code restore}: checks the dump against its manifest and the tools' versions before touching
 * anything, restores with pg_restore (replacing the target's objects, or into a new database), and then
 * checks that the restored database is at the manifest's migration version.
 */
public final class RestoreRun {
    private final LockstepConfig config;
    private final RunListener listener;

    public RestoreRun(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Everything checked before a restore: the manifest, the dump's checksum, the environment. */
    public BackupManifest check(Path file) {
        BackupManifest m = Backups.read(file);
        if (Providers.PG_DUMP.equals(m.providerName())) {
            Backups.verified(file, m);
        }
        if (config.environment() != null && m.environment() != null && !config.environment().equals(m.environment())) {
            throw new LockstepException(ErrorCode.BLOCKED, "the dump was taken from environment '" + m.environment()
                    + "', not '" + config.environment() + "'; nothing was restored",
                    "restore it with --env " + m.environment() + ", or into a new database with --to-new <name> to "
                            + "inspect it");
        }
        return m;
    }

    /**
     * @param toNew a database to create and restore into, or null to replace the target's objects
     * @return the restored database's migration version (equal to the manifest's)
     */
    public String restore(Path file, String toNew) {
        BackupManifest m = check(file);
        String database;
        String version;
        try (Session session = Session.open(config, listener, "lockstep restore")) {
            ConnectionTarget server = session.target();
            if (Providers.PG_DUMP.equals(m.providerName())) {
                database = pgRestore(file, m, session.connect(), server, toNew);
            } else {
                BackupProvider provider = Providers.of(m.providerName(), config, session, listener);
                listener.notice("restoring " + m.file() + " with the " + provider.name() + " provider into "
                        + server.display() + (toNew == null ? "" : " as " + toNew));
                try {
                    provider.restore(Providers.target(m.file(), config, server, m.serverVersion(),
                            m.migrationVersion()), m, toNew);
                } catch (Exception e) {
                    throw Providers.failure(provider, "restore " + m.file(), e);
                }
                database = toNew != null ? toNew : server.database();
            }
            try (Connection restored = session.connectTo(database)) {
                version = BackupRun.migrationVersion(restored, config.get(Setting.HISTORY_SCHEMA));
            } catch (SQLException e) {
                throw new LockstepException(ErrorCode.BACKUP, "cannot read the restored database " + database + ": "
                        + e.getMessage(), null, e);
            }
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.BACKUP, "restore failed: " + e.getMessage(), null, e);
        }
        if (!Objects.equals(version, m.migrationVersion())) {
            throw new LockstepException(ErrorCode.VALIDATION, "the restored database is at migration version "
                    + version + ", but the manifest says " + m.migrationVersion(),
                    "check the dump with 'lockstep status' on the restored database");
        }
        return version;
    }

    /** Restores a pg_dump backup, already checked against its manifest, with pg_restore; returns the database. */
    private String pgRestore(Path file, BackupManifest m, Connection c, ConnectionTarget server, String toNew)
            throws SQLException {
        Path dump = file.resolveSibling(m.file());
        ClientToolFinder.Found pgRestore = PgTools.finder(config.path(Setting.PG_BIN)).find("pg_restore",
                PgTools.major(m.pgDumpVersion()), "the pg_dump " + m.pgDumpVersion() + " that wrote the dump",
                "nothing was restored");
        listener.notice("using " + pgRestore.describe());
        PgTools tools = new PgTools(pgRestore.executable().getParent(), server);
        String database = server.database();
        List<String> args = new ArrayList<>(List.of("--no-owner", "--no-privileges", "--exit-on-error"));
        if (toNew != null) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + Identifiers.quote(toNew));
            }
            database = toNew;
        } else {
            args.addAll(List.of("--clean", "--if-exists", "--single-transaction"));
        }
        args.add("--dbname=" + database);
        args.add(dump.toString());
        listener.notice("restoring " + dump.getFileName() + " into " + server.user() + "@" + server.host() + ":"
                + server.port() + "/" + database);
        PgTools.Run run = tools.run("pg_restore", args, database, false);
        if (run.exit() != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "pg_restore failed (exit " + run.exit() + "): "
                    + run.stderr().strip(), toNew == null ? "it ran in one transaction: the database is as it was"
                    : "the new database " + toNew + " is incomplete; drop it");
        }
        return database;
    }
}
