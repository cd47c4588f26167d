package dev.lockstep.internal.scratch;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.inspect.CatalogReader;
import dev.lockstep.internal.pg.ScratchServer;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.snapshot.Roles;
import dev.lockstep.internal.snapshot.Snapshot;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Throwaway databases on the scratch server, with migrations applied to them by the same executor as
 * {@code migrate} (so a statement-by-statement migration, a backfill or a directive behaves as it does on
 * the target) and snapshots read from them by the same reader as the target's.
 */
public final class Scratch implements AutoCloseable {
    private final LockstepConfig config;
    private final ScratchServer server;
    private final String toolVersion;
    private final CatalogReader reader;

    private Scratch(LockstepConfig config, ScratchServer server, String toolVersion) {
        this.config = config;
        this.server = server;
        this.toolVersion = toolVersion;
        this.reader = new CatalogReader(config.get(Setting.HISTORY_SCHEMA));
    }

    /** The scratch server of a configuration: {@code scratch-url}, else the embedded server. */
    public static Scratch open(LockstepConfig config, RunListener listener, String toolVersion) {
        try {
            return new Scratch(config, ScratchServer.open(serverConfig(config), listener), toolVersion);
        } catch (LockstepException e) {
            String url = config.get(Setting.SCRATCH_URL);
            if (url == null || e.code() != ErrorCode.CONNECTION || e.hint() == null) {
                throw e;
            }
            // The server that failed is the scratch one (the hint names the setting that points at it).
            throw new LockstepException(e.code(), "the scratch server: " + e.getMessage(), e.hint(), e);
        }
    }

    static LockstepConfig serverConfig(LockstepConfig config) {
        String url = config.get(Setting.SCRATCH_URL);
        LockstepConfig.Builder b = config.toBuilder().dataSource(null).environment(null);
        if (url != null) {
            return b.set(Setting.URL, url, config.source(Setting.SCRATCH_URL) + " (the scratch server)").build();
        }
        Map<String, String> vars = new java.util.HashMap<>(config.variables());
        Target.SERVER_VARIABLES.forEach(vars::remove);
        return b.set(Setting.URL, null).variables(vars).build();
    }

    /** {@code postgres@localhost:5432}. */
    public String display() {
        return server.display();
    }

    public int majorVersion() {
        return server.majorVersion();
    }

    /** The role migrations run as on the scratch server, quoted as an identifier. */
    public String role() {
        try {
            return server.role();
        } catch (SQLException e) {
            throw failure(e, "reading the scratch server's role");
        }
    }

    /** Creates the roles a snapshot names (owners, grantees) that the scratch server lacks. */
    public void provideRoles(Snapshot like) {
        server.ensureRoles(Roles.named(like).stream().map(Roles::unquote).toList());
    }

    /** Creates the roles (unquoted names) the scratch server lacks. */
    public void provideRoles(Collection<String> names) {
        server.ensureRoles(names);
    }

    /** A name for a database another tool creates (see {@link ScratchServer#reserve}). */
    public String reserve(String purpose) {
        return server.reserve(purpose);
    }

    /** The configuration of the scratch server itself (for tools that create databases on it). */
    public LockstepConfig serverConfig() {
        return serverConfig(config);
    }

    public String create(String purpose) {
        return server.create(purpose);
    }

    public String copy(String database, String purpose) {
        return server.copy(database, purpose);
    }

    public void drop(String database) {
        server.drop(database);
    }

    /** The URL of a scratch database, credentials included (for pg_restore and the like). */
    public String url(String database) {
        return server.url(database);
    }

    /** Applies the pending ones of {@code files} (up to {@code target}, or all when null) on a scratch database. */
    public MigrateResult migrate(String database, MigrationSet files, String target) {
        return migrator(database, files).migrate(MigrateOptions.ALL.withTarget(target));
    }

    /** Runs the down script of the newest applied migration of {@code files} on a scratch database. */
    public MigrateResult rollbackOne(String database, MigrationSet files) {
        return migrator(database, files).rollback(RollbackOptions.steps(1));
    }

    private Migrator migrator(String database, MigrationSet files) {
        return new Migrator(configOf(database), RunListener.NONE, Sleeper.REAL, toolVersion).withFiles(files);
    }

    /**
     * The configuration of a scratch database: the target's settings, but its own URL, no environment,
     * no lint gate (rehearsing a migration is not running it), no snapshot file, audit or requirement.
     */
    public LockstepConfig configOf(String database) {
        return config.toBuilder().dataSource(null).environment(null)
                .set(Setting.URL, server.url(database), "scratch")
                .set(Setting.PROTECTED, null).set(Setting.ALLOW_UNSAFE, true).set(Setting.OUT_OF_ORDER, true)
                .set(Setting.SNAPSHOT_FILE, null).set(Setting.AUDIT_TABLE, null).set(Setting.REQUIRES, null)
                .set(Setting.CANCEL_BLOCKERS, null).build();
    }

    /** A connection to a scratch database; the caller closes it (before the database is copied or dropped). */
    public Connection connection(String database) {
        return server.connect(database);
    }

    /** Reads a scratch database's schema. */
    public Snapshot snapshot(String database) {
        java.util.List<Connection> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            opened.add(server.connect(database));
            return reader.read(opened.get(0), () -> {
                Connection second = server.connect(database);
                opened.add(second);
                return second;
            });
        } catch (SQLException e) {
            throw failure(e, "reading the schema of the scratch database " + database);
        } finally {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing is best effort; the database is dropped with force at the end
                }
            }
        }
    }

    /** The migrations of {@code all} whose version (or, for repeatable ones, description) is in {@code keep}. */
    public static MigrationSet only(MigrationSet all, Collection<String> ids) {
        java.util.Set<String> keep = new java.util.HashSet<>(ids);
        List<dev.lockstep.internal.source.ResolvedMigration> versioned = all.versioned().stream()
                .filter(m -> keep.contains(m.id())).map(m -> m.withVerify(null)).toList();
        List<dev.lockstep.internal.source.ResolvedMigration> repeatable = all.repeatable().stream()
                .filter(m -> keep.contains(m.id())).toList();
        return new MigrationSet(all.directory(), all.style(), versioned, repeatable);
    }

    private LockstepException failure(SQLException e, String doing) {
        return new LockstepException(ErrorCode.CONNECTION, doing + " on " + display() + " failed: " + e.getMessage(),
                "check the scratch server (--scratch-url)", e);
    }

    @Override
    public void close() {
        server.close();
    }
}
