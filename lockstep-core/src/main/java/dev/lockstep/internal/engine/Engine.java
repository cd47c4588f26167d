package dev.lockstep.internal.engine;

import dev.lockstep.Approval;
import dev.lockstep.BackupManifest;
import dev.lockstep.BaselineDetection;
import dev.lockstep.DeployPlan;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.DriftResult;
import dev.lockstep.DriftStatus;
import dev.lockstep.DatabasePin;
import dev.lockstep.EmbeddedStatus;
import dev.lockstep.HeadsResult;
import dev.lockstep.ImportOptions;
import dev.lockstep.ImportResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MergeResult;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.Phase;
import dev.lockstep.PreflightReport;
import dev.lockstep.Readiness;
import dev.lockstep.RehearsalResult;
import dev.lockstep.RepairResult;
import dev.lockstep.RestoreResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.SnapshotResult;
import dev.lockstep.StatusResult;
import dev.lockstep.ValidateResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.VerifyReport;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.WaitResult;
import dev.lockstep.internal.backup.BackupRun;
import dev.lockstep.internal.backup.Backups;
import dev.lockstep.internal.backup.RestoreRun;
import dev.lockstep.internal.drift.BaselineDetector;
import dev.lockstep.internal.drift.DriftCheck;
import dev.lockstep.internal.drift.DriftRecord;
import dev.lockstep.internal.drift.Snapshots;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.embedded.EmbeddedServers;
import dev.lockstep.internal.execute.ForeignTablesCheck;
import dev.lockstep.internal.execute.HistoryMaintenance;
import dev.lockstep.internal.execute.Importer;
import dev.lockstep.internal.execute.LintVerdicts;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.PlanReview;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.heads.Merge;
import dev.lockstep.internal.guard.Preflight;
import dev.lockstep.internal.health.ReadinessCheck;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Connector;
import dev.lockstep.internal.pg.EmbeddedTarget;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.rehearse.Rehearsal;
import dev.lockstep.internal.runbook.Approve;
import dev.lockstep.internal.runbook.CommandRecord;
import dev.lockstep.internal.runbook.Deploy;
import dev.lockstep.internal.runbook.Operations;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationCreator;
import dev.lockstep.internal.state.HistoryRow;
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
import java.util.function.Supplier;

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
        return refreshSnapshot(new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).migrate(options));
    }

    @Override
    public MigrateResult rollback(RollbackOptions options) {
        return refreshSnapshot(new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).rollback(options));
    }

    /** With {@code snapshot-file}: rewrites it after a run that changed the schema (or when it is missing). */
    private MigrateResult refreshSnapshot(MigrateResult r) {
        Path file = config.path(Setting.SNAPSHOT_FILE);
        if (file != null && !r.dryRun() && (!r.executed().isEmpty() || !java.nio.file.Files.exists(file))) {
            SnapshotResult s = new Snapshots(config, listener).take(file);
            listener.notice("wrote the schema snapshot " + s.file() + " (" + s.objects() + " objects)");
        }
        return r;
    }

    @Override
    public DeployPlan reviewPlan(Phase phase, String user) {
        return new PlanReview(config, listener, ToolVersion.current()).make(phase, user);
    }

    public Approval approve(Path planFile) {
        return new Approve(this, listener).run(planFile, config.installedBy(), hostName());
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
                if (loading.get().ignoredNotice() != null) {
                    listener.notice(loading.get().ignoredNotice());
                }
                state = history.readState(c, loading.get());
                if (state.rows().isEmpty()) {
                    ForeignTablesCheck.refuseIfAny(session, c);
                }
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the history");
            }
            DriftStatus drift;
            try {
                drift = DriftRecord.read(c, history, state.rows());
            } catch (SQLException e) {
                drift = DriftStatus.UNKNOWN;
            }
            return new Read(new StatusResult(session.target().display(), history.table(), config.shown(config.dir()),
                    state.currentVersion(), state.lines(),
                    new Planner().validate(state.states(), config.get(Setting.OUT_OF_ORDER)), drift), state);
        }
    }

    public Readiness readiness() {
        return new ReadinessCheck(config, listener).run();
    }

    /**
     * What status reports, rollbacks that stopped part-way (migrate refuses to run past them), down scripts
     * without a statement (rollback refuses them) and migrations from parallel branches whose order is not
     * resolved.
     */
    public ValidateResult validate() {
        Read read = read();
        List<ValidationIssue> issues = new ArrayList<>(read.status().issues());
        issues.addAll(new Planner().stoppedRollbacks(read.state().states()));
        for (ResolvedMigration m : read.state().files().versioned()) {
            if (m.downIsEmpty()) {
                String v = m.version().text();
                issues.add(new ValidationIssue(ValidationIssue.Kind.EMPTY_DOWN_SCRIPT, v, m.down().path(),
                        "down script of " + v + " is empty (" + m.down().path() + "): write it, or delete it to make "
                                + v + " irreversible"));
            }
        }
        if (onDisk()) {
            for (HeadsResult.Conflict c : merge().heads(read.state().rows()).conflicts()) {
                if (c.kind().equals("parallel")) {
                    issues.add(new ValidationIssue(ValidationIssue.Kind.PARALLEL_BRANCHES, c.version(), c.file(),
                            c.message() + "; check that they work in this order, then run 'lockstep merge'"));
                }
            }
        }
        return new ValidateResult(read.status().database(), read.status().migrations().size(), List.copyOf(issues));
    }

    public HeadsResult heads() {
        return merge().heads(historyRows("lockstep heads"));
    }

    public MergeResult merge(boolean dryRun) {
        return merge().merge(historyRows("lockstep merge"), dryRun);
    }

    private Merge merge() {
        if (!onDisk()) {
            throw new LockstepException(ErrorCode.USAGE, "heads and merge work on a migrations directory, and "
                    + config.shown(config.dir()) + " is not one", "point --dir at the directory of the migration files");
        }
        return new Merge(config.dir(), config.shown(config.dir()), config.clock());
    }

    /** Whether the migrations are a directory of files (not locations on the class path). */
    private boolean onDisk() {
        List<String> locations = config.get(Setting.LOCATIONS);
        return (locations == null || locations.isEmpty()) && java.nio.file.Files.isDirectory(config.dir());
    }

    private List<HistoryRow> historyRows(String application) {
        try (Session session = Session.open(config, listener, application)) {
            return new HistoryStore(config.get(Setting.HISTORY_SCHEMA)).readAll(session.connect());
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "cannot read the history: " + e.getMessage(),
                    "check the connection and privileges", e);
        }
    }

    public String baseline(String version, String description) {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).baseline(version,
                description == null ? "baseline" : description);
    }

    public BaselineDetection detectBaseline() {
        return new BaselineDetector(config, listener, ToolVersion.current()).detect();
    }

    public ImportResult importHistory(ImportOptions options) {
        return new Importer(config, listener, ToolVersion.current()).run(options);
    }

    public RepairResult repair() {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).repair();
    }

    /**
     * Lints for the configured PostgreSQL version, else the server's when a database is named, else 15.
     * With a database, each finding also gets the verdict the migrate gate would give it there.
     */
    public LintReport lint(List<Path> paths, String stdin) {
        LintRun run = new LintRun(config);
        Integer configured = config.get(Setting.LINT_PG_VERSION);
        LintRun.Inputs inputs = run.inputs(paths, stdin);
        if (inputs.migrations() != null && inputs.migrations().ignoredNotice() != null) {
            listener.notice(inputs.migrations().ignoredNotice());
        }
        if (Target.isEmbedded(config)) {
            int version = configured != null ? configured : LintSettings.DEFAULT_PG_VERSION;
            return BuiltInRules.linter(LintRun.settings(config, version), version).lint(inputs.scripts());
        }
        Session session = null;
        Connection c;
        int version;
        try {
            session = Session.open(config, listener, "lockstep lint");
            c = session.connect();
            version = configured != null ? configured : Server.majorVersion(c);
        } catch (RuntimeException | SQLException e) {
            if (session != null) {
                session.close();
            }
            int fallback = configured != null ? configured : LintSettings.DEFAULT_PG_VERSION;
            listener.notice("could not reach the database (" + e.getMessage() + "); linting for PostgreSQL "
                    + fallback + (configured != null ? "" : " (set it with --pg-version)")
                    + ", without the gate's verdicts");
            return BuiltInRules.linter(LintRun.settings(config, fallback), fallback).lint(inputs.scripts());
        }
        try (Session open = session) {
            var linter = BuiltInRules.linter(LintRun.settings(config, version), version);
            LintReport report = linter.lint(inputs.scripts());
            try {
                return new LintVerdicts(config, linter).judge(c, inputs, report);
            } catch (SQLException e) {
                throw open.unexpected(e, "judging the findings against the database");
            }
        }
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
    public RestoreResult restore(Path file, String toNew) {
        announceTarget("lockstep restore");
        return new RestoreRun(config, listener).restore(config.workDir().resolve(file), toNew);
    }

    public SnapshotResult snapshot(Path out) {
        return new Snapshots(config, listener).take(out == null ? null : config.workDir().resolve(out));
    }

    public DriftResult drift() {
        return new DriftCheck(config, listener, ToolVersion.current()).run();
    }

    public RehearsalResult rehearse(Path fromDump) {
        return new Rehearsal(config, listener, ToolVersion.current()).run(fromDump);
    }

    /** Rollback as a command: with an audit line, a report and notifications ({@link CommandRecord}). */
    public MigrateResult rollbackCommand(RollbackOptions options) {
        return record().rollback(options);
    }

    /** Restore as a command: with an audit line, a report and notifications ({@link CommandRecord}). */
    public RestoreResult restoreCommand(Path file, String toNew) {
        return record().restore(file, toNew);
    }

    /** Runs a command; when it fails, the notifiers of {@code [notify]} are told. */
    public <T> T notifyingFailure(String command, Supplier<T> body) {
        return record().notifyingFailure(command, body);
    }

    private CommandRecord record() {
        return new CommandRecord(this, listener, config.installedBy(), Engine::hostName);
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
