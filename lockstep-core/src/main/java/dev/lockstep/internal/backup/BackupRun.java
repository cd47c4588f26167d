package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.state.Reconciler;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.BackupTarget;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code backup}: a pg_dump custom-format dump of the target into the backups directory (or a backup by
 * the configured provider), named with the environment (or database) and the UTC time, with its manifest
 * beside it; then retention.
 */
public final class BackupRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final LockstepConfig config;
    private final RunListener listener;

    public BackupRun(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public BackupManifest backup() {
        Path dir = config.path(Setting.BACKUP_DIR);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot use " + config.shown(dir) + " as the backup directory: "
                    + e.getMessage(), "set backup-dir to a writable directory", e);
        }
        if (!Files.isWritable(dir)) {
            throw new LockstepException(ErrorCode.BACKUP, "the backup directory " + config.shown(dir) + " is not writable",
                    "set backup-dir to a writable directory");
        }
        BackupManifest manifest = null;
        Path named;
        String prefix;
        BackupTarget target;
        try (Session session = Session.open(config, listener, "lockstep backup")) {
            Connection c = session.connect();
            String serverVersion = serverVersion(c);
            String migrationVersion = migrationVersion(c, config.get(Setting.HISTORY_SCHEMA));
            prefix = config.environment() != null ? config.environment() : session.target().database();
            Instant started = config.clock().instant();
            String name = prefix + "-" + STAMP.format(started);
            target = Providers.target(name, config, session.target(), serverVersion, migrationVersion);
            if (Providers.PG_DUMP.equals(config.get(Setting.BACKUP_PROVIDER))) {
                named = dir.resolve(name + ".dump");
                manifest = dump(session, named, started, serverVersion, migrationVersion);
            } else {
                named = dir.resolve(name);
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot write the backup: " + e.getMessage(),
                    "check the backup directory and free disk space", e);
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot read the server's version: " + e.getMessage(), null, e);
        }
        // A provider runs after the session above is closed: a template copy needs the database to itself.
        try (Session session = Session.open(config, listener, "lockstep backup")) {
            if (manifest == null) {
                BackupProvider provider = Providers.of(config.get(Setting.BACKUP_PROVIDER), config, session, listener);
                listener.notice("backing up " + target.database() + " with the " + provider.name() + " provider");
                try {
                    manifest = provider.backup(target);
                } catch (Exception e) {
                    throw Providers.failure(provider, "back up " + target.database(), e);
                }
            }
            Backups.write(named, manifest);
            int keep = config.get(Setting.BACKUP_KEEP);
            for (String deleted : Backups.prune(dir, prefix, keep, old -> retire(session, target, old))) {
                listener.notice("deleted old backup " + deleted + " (backup-keep " + keep + ")");
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot write the backup's manifest: " + e.getMessage(),
                    "check the backup directory and free disk space", e);
        }
        return manifest;
    }

    /** Lets the provider of an old backup delete it; pg_dump's files are deleted by {@link Backups#prune}. */
    private boolean retire(Session session, BackupTarget target, BackupManifest old) {
        if (Providers.PG_DUMP.equals(old.providerName())) {
            return true;
        }
        try {
            return Providers.of(old.providerName(), config, session, listener).delete(target, old);
        } catch (Exception e) {
            listener.notice("kept old backup " + old.file() + ": " + e.getMessage());
            return false;
        }
    }

    private BackupManifest dump(Session session, Path dump, Instant started, String serverVersion,
                                String migrationVersion) throws IOException {
        ClientToolFinder.Found pgDump = PgTools.finder(config.path(Setting.PG_BIN)).find("pg_dump", PgTools.major(serverVersion),
                "the server (" + serverVersion + ") and cannot dump it", "nothing was written");
        listener.notice("using " + pgDump.describe());
        PgTools tools = new PgTools(pgDump.executable().getParent(), session.target());
        String dumpVersion = pgDump.version();
        Path partial = dump.resolveSibling(dump.getFileName() + ".partial");
        listener.notice("dumping " + session.target().display() + " to " + config.shown(dump));
        java.security.MessageDigest digest = Backups.newDigest();
        PgTools.Run run = tools.runTo("pg_dump", List.of("--format=custom"), partial, digest);
        if (run.exit() != 0) {
            Files.deleteIfExists(partial);
            throw new LockstepException(ErrorCode.BACKUP, "pg_dump failed (exit " + run.exit() + "): "
                    + run.stderr().strip(), "nothing was written; fix the cause and run backup again");
        }
        Files.move(partial, dump, StandardCopyOption.ATOMIC_MOVE);
        long took = Duration.between(started, config.clock().instant()).toMillis();
        return new BackupManifest(dump.getFileName().toString(), Files.size(dump),
                java.util.HexFormat.of().formatHex(digest.digest()), session.target().database(), session.target().host(),
                serverVersion, dumpVersion, config.environment(), migrationVersion, started.toString(), took,
                Providers.PG_DUMP, null);
    }

    static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            String v = rs.getString(1);
            int space = v.indexOf(' ');
            return space < 0 ? v : v.substring(0, space);
        }
    }

    /** The highest applied version of the database's history, or null (no history, or none applied). */
    static String migrationVersion(Connection c, String historySchema) throws SQLException {
        HistoryStore history = new HistoryStore(historySchema);
        return Reconciler.currentVersion(new Reconciler().reconcile(
                new MigrationSet(Path.of("."), null, List.of(), List.of()), history.readAll(c)));
    }
}
