package dev.lockstep.internal.engine;

import dev.lockstep.BackupManifest;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.DatabasePin;
import dev.lockstep.EmbeddedStatus;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.RepairResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.ValidateResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.VerifyReport;
import dev.lockstep.WaitResult;
import dev.lockstep.internal.backup.BackupRun;
import dev.lockstep.internal.backup.Backups;
import dev.lockstep.internal.backup.RestoreRun;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.embedded.EmbeddedServers;
import dev.lockstep.internal.execute.HistoryMaintenance;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.guard.Preflight;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Connector;
import dev.lockstep.internal.pg.EmbeddedTarget;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.runbook.Deploy;
import dev.lockstep.internal.runbook.Operations;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationCreator;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.internal.verify.Verifier;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.LockTimeline;
import dev.lockstep.spi.RunListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every operation of one configuration, assembled from the packages that do the work. The facade and
 * the runbook both call it; it never calls back up into either.
 */
public final class Engine implements Operations {
    private final LockstepConfig config;
    private final RunListener listener;

    public Engine(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @Override
    public LockstepConfig config() {
        return config;
    }

    @Override
    public MigrateResult migrate(MigrateOptions options) {
        return new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).migrate(options);
    }

    @Override
    public MigrateResult rollback(RollbackOptions options) {
        return new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).rollback(options);
    }

    public StatusResult status() {
        return read().status();
    }

    private record Read(StatusResult status, TargetState state) {
    }

    private Read read() {
        FilesInBackground loading = FilesInBackground.start(config);
        Session opened;
        Connection c;
        try {
            opened = Session.open(config, listener, "lockstep status");
            c = opened.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
        try (Session session = opened) {
            HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
            TargetState state;
            try {
                state = history.readState(c, loading.get());
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the history");
            }
            return new Read(new StatusResult(session.target().display(), history.table(), config.shown(config.dir()),
                    state.currentVersion(), state.lines(),
                    new Planner().validate(state.states(), config.get(Setting.OUT_OF_ORDER))), state);
        }
    }

    /** What status reports, and down scripts without a statement (rollback refuses them). */
    public ValidateResult validate() {
        Read read = read();
        List<ValidationIssue> issues = new ArrayList<>(read.status().issues());
        for (ResolvedMigration m : read.state().files().versioned()) {
            if (m.downIsEmpty()) {
                String v = m.version().text();
                issues.add(new ValidationIssue(ValidationIssue.Kind.EMPTY_DOWN_SCRIPT, v, m.down().path(),
                        "down script of " + v + " is empty (" + m.down().path() + "): write it, or delete it to make "
                                + v + " irreversible"));
            }
        }
        return new ValidateResult(read.status().database(), read.status().migrations().size(), List.copyOf(issues));
    }

    public String baseline(String version, String description) {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).baseline(version,
                description == null ? "baseline" : description);
    }

    public RepairResult repair() {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).repair();
    }

    /** Lints for the configured PostgreSQL version, else the server's when a database is named, else 15. */
    public LintReport lint(List<Path> paths, String stdin) {
        int version = lintVersion();
        return new LintRun(config).lint(paths, stdin, BuiltInRules.linter(LintRun.settings(config, version), version));
    }

    /** The lock timeline of each script, for the same PostgreSQL version lint would assume. */
    public List<LockTimeline> explainLocks(List<Path> paths, String stdin) {
        int version = lintVersion();
        return new LintRun(config).explain(paths, stdin, BuiltInRules.linter(LintRun.settings(config, version), version));
    }

    private int lintVersion() {
        Integer configured = config.get(Setting.LINT_PG_VERSION);
        if (configured != null) {
            return configured;
        }
        if (Target.isEmbedded(config)) {
            return LintSettings.DEFAULT_PG_VERSION;
        }
        try (Session session = Session.open(config, listener, "lockstep lint")) {
            return Server.majorVersion(session.connect());
        } catch (RuntimeException | SQLException e) {
            listener.notice("could not read the server's version (" + e.getMessage() + "); linting for PostgreSQL "
                    + LintSettings.DEFAULT_PG_VERSION + " (set it with --pg-version)");
            return LintSettings.DEFAULT_PG_VERSION;
        }
    }

    @Override
    public PreflightReport preflight(String outsideWindowReason) {
        return new Preflight(config, listener).run(outsideWindowReason);
    }

    @Override
    public VerifyReport verify() {
        return new Verifier(config, listener).run();
    }

    public DeployResult deploy(DeployOptions options) {
        announceTarget("lockstep deploy");
        return new Deploy(this, listener).run(options, config.installedBy(), hostName());
    }

    /** Says, once, which database a writing command works on (and checks its pinned identity). */
    private void announceTarget(String application) {
        try (Session session = Session.open(config, listener, application)) {
            session.announceTarget();
        }
    }

    /** Waits until the configured server accepts connections. */
    public WaitResult waitForServer(Duration timeout) {
        try (Session session = Session.open(config, listener, "lockstep wait")) {
            String where = session.target().display();
            Connector.Awaited a = session.await(timeout, problem -> listener.notice("waiting for " + where + ": "
                    + problem));
            return new WaitResult(where, a.attempts(), a.waited().toMillis(), a.firstProblem());
        }
    }

    /** Records the identity of the environment's database in its lockstep.toml section. */
    public DatabasePin pinEnvironment(boolean replace) {
        return new EnvironmentPin(config, listener).pin(replace);
    }

    @Override
    public BackupManifest backup() {
        return new BackupRun(config, listener).backup();
    }

    public List<BackupManifest> backups() {
        return Backups.list(config.path(Setting.BACKUP_DIR));
    }

    public BackupManifest checkBackup(Path file) {
        return new RestoreRun(config, listener).check(config.workDir().resolve(file));
    }

    @Override
    public String restore(Path file, String toNew) {
        announceTarget("lockstep restore");
        return new RestoreRun(config, listener).restore(config.workDir().resolve(file), toNew);
    }

    public List<Path> newMigration(String name) {
        return new MigrationCreator().create(config.dir(), name, config.clock());
    }

    public EmbeddedStatus embeddedStatus() {
        EmbeddedServer server = new EmbeddedServer(Target.embeddedHome(config));
        return status(server, server.status(), false, EmbeddedServer.databaseFor(config.workDir()));
    }

    public EmbeddedStatus embeddedStart() {
        EmbeddedTarget.Started s = EmbeddedTarget.start(config, Target.embeddedHome(config), listener);
        EmbeddedServer server = new EmbeddedServer(Target.embeddedHome(config));
        return status(server, s.running().status(), s.running().started(), s.target().database());
    }

    /** Stops the embedded server; returns whether it was running. */
    public boolean embeddedStop() {
        return new EmbeddedServer(Target.embeddedHome(config)).stop();
    }

    /** Every embedded server of this user: registered ones, and others found running. */
    public List<EmbeddedStatus> embeddedServers() {
        List<EmbeddedStatus> out = new ArrayList<>();
        for (EmbeddedServers.Found f : new EmbeddedServers(Target.embeddedRegistry(config)).list()) {
            out.add(f.home() == null ? status(null, f.status(), false, null)
                    : status(new EmbeddedServer(f.home()), f.status(), false, null));
        }
        return out;
    }

    private static EmbeddedStatus status(EmbeddedServer server, EmbeddedServer.Status s, boolean started,
                                         String database) {
        boolean up = s.running();
        String idle = server == null ? null : server.idleStop()
                .map(d -> d.isZero() ? "off" : dev.lockstep.Durations.exact(d)).orElse(null);
        return new EmbeddedStatus(up, up ? s.pid() : null, up && s.port() > 0 ? s.port() : null,
                up && database != null ? s.jdbcUrl(database) : null, server == null ? null : server.home().toString(),
                s.dataDirectory().toString(), started, database, idle, server == null ? null
                : server.lastUsed().orElse(null));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
