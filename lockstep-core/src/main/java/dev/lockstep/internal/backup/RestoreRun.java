package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.CatalogFingerprint;
import dev.lockstep.LockstepConfig;
import dev.lockstep.RestoreMismatchException;
import dev.lockstep.RestoreResult;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.catalog.CatalogDiff;
import dev.lockstep.internal.catalog.CatalogReader;
import dev.lockstep.internal.pg.ConnectionTarget;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code restore}. Checks the dump against its manifest, the tools' version and the roles the dump names
 * before touching anything. A pg_dump or template backup is restored into a new database, given the
 * replaced database's own properties and compared with the backup's catalog fingerprint; then, in place,
 * it takes the target's name in one transaction ({@link NameSwap}) and the replaced database is dropped
 * (kept when the comparison found a difference). A failure before the swap drops the new database and
 * leaves the target as it was. Other providers restore by their own means; the result is compared
 * afterwards.
 */
public final class RestoreRun {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final LockstepConfig config;
    private final RunListener listener;

    public RestoreRun(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * What is checked before a restore without reading the dump through: the manifest, the dump's
     * presence and size, the environment. The dump's SHA-256 is checked by {@link #restore}, while
     * pg_restore fills the new database and before the target is touched.
     */
    public BackupManifest check(Path file) {
        BackupManifest m = Backups.read(file);
        if (Providers.PG_DUMP.equals(m.providerName())) {
            Backups.present(file, m);
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
     * @param toNew a database to create and restore into, or null to replace the target
     * @throws RestoreMismatchException when the restored database differs from the backup
     */
    public RestoreResult restore(Path file, String toNew) {
        Instant started = config.clock().instant();
        BackupManifest m = check(file);
        RestoreResult result;
        try (Session session = Session.open(config, listener, "lockstep restore")) {
            if (toNew != null && toNew.equals(session.target().database())) {
                throw new LockstepException(ErrorCode.USAGE, "--to-new " + toNew + " names the target database itself; "
                        + "nothing was restored", "give a database that does not exist yet, or leave out --to-new "
                        + "to replace the target");
            }
            String provider = m.providerName();
            result = Providers.PG_DUMP.equals(provider) || "template".equals(provider)
                    ? staged(session, file, m, toNew, started) : external(session, m, toNew, started);
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.BACKUP, "restore failed: " + e.getMessage(), null, e);
        }
        if (Boolean.FALSE.equals(result.identical())) {
            throw new RestoreMismatchException(result);
        }
        return result;
    }

    /**
     * pg_dump and template backups: into a new database, checked, then swapped in. A dump's SHA-256 is
     * computed on another thread while the restore runs (the second read of a large dump, off the critical
     * path); a mismatch drops the new database before the target is touched.
     */
    private RestoreResult staged(Session session, Path file, BackupManifest m, String toNew, Instant started)
            throws SQLException {
        CompletableFuture<Path> checksum = Providers.PG_DUMP.equals(m.providerName())
                ? CompletableFuture.supplyAsync(() -> Backups.verified(file, m), RestoreRun::daemon) : null;
        ConnectionTarget server = session.target();
        PgRestore pg = checksum == null ? null : new PgRestore(PgTools.finder(config.path(Setting.PG_BIN)), server,
                file.resolveSibling(m.file()), m);
        String target = server.database();
        String stamp = STAMP.format(started);
        String into = toNew != null ? toNew : NameSwap.name(target, "_restoring_" + stamp);
        String maintenance = "postgres".equals(target) || "postgres".equals(toNew) ? "template1" : "postgres";
        Connection admin = session.connectTo(maintenance);
        NameSwap swap = new NameSwap(admin, listener);
        List<String> notes = new ArrayList<>();
        Check check;
        boolean created = false;
        try {
            DatabaseProperties properties = DatabaseProperties.of(admin, target);
            requirePrivileges(admin, target, properties, toNew);
            if (pg != null) {
                pg.prepare(admin, listener);
                notes.addAll(pg.notes());
            } else if (!exists(admin, m.location())) {
                throw new LockstepException(ErrorCode.BACKUP, "the backup database " + m.location()
                        + " is gone; nothing was restored", "restore another backup (lockstep backup --list)");
            }
            listener.notice("restoring " + m.file() + " into " + (toNew != null ? "new database " + toNew
                    : "a new database, " + into + ", to take the place of " + target));
            if (pg != null) {
                execute(admin, (properties != null ? properties : DatabaseProperties.of(admin, maintenance))
                        .createSql(into));
                created = true;
                try (Connection fresh = session.connectTo(into)) {
                    pg.alignPublicSchema(fresh, admin.getMetaData().getDatabaseMajorVersion());
                }
                pg.restoreInto(into, maintenanceWorkMemKb(admin));
            } else {
                TemplateBackup.copy(admin, m.location(), into);
                created = true;
            }
            if (toNew == null) {
                notes.addAll(properties.applyTo(admin, into));
            }
            check = check(session, into, m, pg == null || pg.owners() ? null : server.user());
            if (checksum != null) {
                checksum.join();
            }
        } catch (SQLException | RuntimeException e) {
            LockstepException damaged = damage(checksum);
            LockstepException le = damaged != null ? damaged : e instanceof LockstepException l ? l
                    : new LockstepException(ErrorCode.BACKUP, "restore failed: " + e.getMessage(), null, e);
            String dropped = created ? swap.drop(into) : null;
            String state = (toNew == null ? target + " was not touched" : "") + (created ? (toNew == null ? "; " : "")
                    + (dropped == null ? "the partly restored database " + into + " was dropped"
                    : "the partly restored database " + into + " could not be dropped (" + dropped + "): DROP DATABASE "
                    + into) : "");
            throw new LockstepException(le.code(), le.getMessage() + (state.isEmpty() ? "" : "; " + state),
                    le.hint() != null ? le.hint() : "fix the cause and restore again", e);
        }
        String previous = null;
        if (toNew == null) {
            String replaced = NameSwap.name(target, "_replaced_" + stamp);
            swap.swap(target, into, replaced);
            if (check.differences().isEmpty()) {
                String why = swap.drop(replaced);
                if (why != null) {
                    notes.add("the replaced database " + replaced + " could not be dropped (" + why + "); drop it with "
                            + "DROP DATABASE " + replaced);
                }
            } else {
                previous = replaced;
            }
        }
        return result(m, toNew != null ? toNew : target, toNew != null, check, notes, previous, started);
    }

    /** The checksum's failure, once it is known: a damaged dump explains whatever else failed. */
    private static LockstepException damage(CompletableFuture<Path> checksum) {
        if (checksum == null) {
            return null;
        }
        try {
            checksum.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() instanceof LockstepException le ? le
                    : new LockstepException(ErrorCode.BACKUP, "cannot check the dump: " + e.getCause(), null, e);
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "lockstep-checksum");
        t.setDaemon(true);
        t.start();
    }

    /** Providers that restore by their own means: then the restored database is compared. */
    private RestoreResult external(Session session, BackupManifest m, String toNew, Instant started)
            throws SQLException {
        ConnectionTarget server = session.target();
        BackupProvider provider = Providers.of(m.providerName(), config, session, listener);
        listener.notice("restoring " + m.file() + " with the " + provider.name() + " provider into "
                + server.display() + (toNew == null ? "" : " as " + toNew));
        try {
            provider.restore(Providers.target(m.file(), config, server, m.serverVersion(), m.migrationVersion()), m,
                    toNew);
        } catch (Exception e) {
            throw Providers.failure(provider, "restore " + m.file(), e);
        }
        String database = toNew != null ? toNew : server.database();
        return result(m, database, toNew != null, check(session, database, m, null), List.of(), null, started);
    }

    private RestoreResult result(BackupManifest m, String database, boolean toNew, Check check, List<String> notes,
                                 String previous, Instant started) {
        List<String> allNotes = new ArrayList<>(notes);
        if (m.catalog() == null) {
            allNotes.add("the manifest has no catalog fingerprint (the backup was taken by an older Lockstep): only "
                    + "the migration version was compared");
        }
        if (previous != null) {
            allNotes.add("the database it replaced is kept as " + previous);
        }
        Boolean identical = !check.differences().isEmpty() ? Boolean.FALSE : m.catalog() == null ? null : Boolean.TRUE;
        return new RestoreResult(m.file(), m.providerName(), database, toNew, m.createdAt(), check.version(), identical,
                check.differences(), allNotes, previous, Duration.between(started, config.clock().instant()).toMillis(),
                check.millis());
    }

    private record Check(String version, List<String> differences, long millis) {
    }

    /**
     * Compares the restored database with the backup's fingerprint (or, without one, its migration version).
     *
     * @param restoredAs the role that owns everything restored, when it could not set owners; else null
     */
    private Check check(Session session, String database, BackupManifest m, String restoredAs) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = session.connectTo(database)) {
            String version = BackupRun.migrationVersion(c, config.get(Setting.HISTORY_SCHEMA));
            List<String> differences = new ArrayList<>();
            if (m.catalog() != null) {
                CatalogFingerprint now = CatalogReader.read(c);
                differences.addAll(CatalogDiff.differences(m.catalog(), now, restoredAs));
            } else if (!Objects.equals(version, m.migrationVersion())) {
                differences.add("migration version: " + m.migrationVersion() + " in the backup, " + version + " now");
            }
            return new Check(version, differences, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Refuses, before anything changes, a restore the role cannot finish: it creates a database, and in
     * place it renames and drops the target, which only its owner (or a superuser) may.
     */
    private void requirePrivileges(Connection admin, String target, DatabaseProperties properties, String toNew)
            throws SQLException {
        if (toNew == null && properties == null) {
            throw new LockstepException(ErrorCode.BACKUP, "database " + target + " does not exist; nothing was restored",
                    "restore into it as a new database: lockstep restore FILE --to-new " + target);
        }
        if (toNew != null && exists(admin, toNew)) {
            throw new LockstepException(ErrorCode.BACKUP, "database " + toNew + " already exists; nothing was restored",
                    "give --to-new a database that does not exist yet");
        }
        try (PreparedStatement ps = admin.prepareStatement("SELECT rolsuper OR rolcreatedb, rolsuper OR "
                + "pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = ?), 'MEMBER') "
                + "FROM pg_roles WHERE rolname = current_user")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new LockstepException(ErrorCode.BACKUP, "the role restoring needs CREATEDB: a restore builds "
                            + "a new database" + (toNew == null ? " and puts it in the place of " + target : "")
                            + "; nothing was restored", "restore as a role with CREATEDB (ALTER ROLE ... CREATEDB)");
                }
                if (toNew == null && !rs.getBoolean(2)) {
                    throw new LockstepException(ErrorCode.BACKUP, "the role restoring does not own " + target
                            + " (" + properties.owner() + " does), so it may not rename it; nothing was restored",
                            "restore as " + properties.owner() + " or a superuser, or into a new database with --to-new");
                }
            }
        }
    }

    private static long maintenanceWorkMemKb(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT setting::bigint FROM pg_settings WHERE name = 'maintenance_work_mem'")) {
            return rs.next() ? rs.getLong(1) : 0;
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

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
