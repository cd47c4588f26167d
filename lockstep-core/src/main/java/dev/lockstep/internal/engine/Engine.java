package dev.lockstep.internal.engine;

import dev.lockstep.Approval;
import dev.lockstep.BackupManifest;
import dev.lockstep.BaselineDetection;
import dev.lockstep.DeployPlan;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.DriftResult;
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
import dev.lockstep.VerifyReport;
import dev.lockstep.WaitResult;
import dev.lockstep.internal.backup.BackupRun;
import dev.lockstep.internal.backup.Backups;
import dev.lockstep.internal.backup.RestoreRun;
import dev.lockstep.internal.execute.HistoryMaintenance;
import dev.lockstep.internal.execute.Importer;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.PlanReview;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.guard.Preflight;
import dev.lockstep.internal.health.ReadinessCheck;
import dev.lockstep.internal.pg.Connector;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.runbook.Approve;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.runbook.CommandRecord;
import dev.lockstep.internal.runbook.Deploy;
import dev.lockstep.internal.runbook.Operations;
import dev.lockstep.internal.source.MigrationCreator;
import dev.lockstep.internal.verify.Verifier;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LockTimeline;
import dev.lockstep.spi.RunListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every operation of one configuration: the single entry the facade calls, and the {@link Operations} a
 * runbook's steps run against. It runs the migration, history and runbook operations itself and hands
 * each other concern to a class of its own: {@link StatusOperations}, {@link BranchOperations},
 * {@link LintOperations}, {@link SchemaOperations} and {@link EmbeddedOperations}. It never calls back up
 * into the facade or the runbook.
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
        MigrateResult r = new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).migrate(options);
        return schema().refreshSnapshot(r);
    }

    @Override
    public MigrateResult rollback(RollbackOptions options) {
        MigrateResult r = new Migrator(config, listener, Sleeper.REAL, ToolVersion.current()).rollback(options);
        return schema().refreshSnapshot(r);
    }

    @Override
    public DeployPlan reviewPlan(Phase phase, String user) {
        return new PlanReview(config, listener, ToolVersion.current()).make(phase, user);
    }

    public Approval approve(Path planFile) {
        return new Approve(this, listener).run(planFile, config.installedBy(), hostName());
    }

    public StatusResult status() {
        return new StatusOperations(config, listener).status();
    }

    public Readiness readiness() {
        return new ReadinessCheck(config, listener).run();
    }

    /** See {@link StatusOperations#validate()}. */
    public ValidateResult validate() {
        return new StatusOperations(config, listener).validate();
    }

    public HeadsResult heads() {
        return new BranchOperations(config, listener).heads();
    }

    public MergeResult merge(boolean dryRun) {
        return new BranchOperations(config, listener).merge(dryRun);
    }

    public String baseline(String version, String description) {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).baseline(version,
                description == null ? "baseline" : description);
    }

    public BaselineDetection detectBaseline() {
        return schema().detectBaseline();
    }

    public ImportResult importHistory(ImportOptions options) {
        return new Importer(config, listener, ToolVersion.current()).run(options);
    }

    public RepairResult repair() {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).repair();
    }

    /** See {@link LintOperations#lint(List, String)}. */
    /**
     * Lints; when it fails, the notifiers of {@code [notify]} are told. What {@link #notifyingFailure} does,
     * written out: lint's start-up is measured, and a lambda here would be the first of the process
     * (docs/architecture.md).
     */
    public LintReport lint(List<Path> paths, String stdin) {
        try {
            return new LintOperations(config, listener).lint(paths, stdin);
        } catch (LockstepException e) {
            record().failed("lint", e);
            throw e;
        }
    }

    /** The lock timeline of each script, for the same PostgreSQL version lint would assume. */
    public List<LockTimeline> explainLocks(List<Path> paths, String stdin) {
        return new LintOperations(config, listener).explainLocks(paths, stdin);
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
        return schema().snapshot(out);
    }

    public DriftResult drift() {
        return schema().drift();
    }

    public RehearsalResult rehearse(Path fromDump) {
        return schema().rehearse(fromDump);
    }

    private SchemaOperations schema() {
        return new SchemaOperations(config, listener);
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
        return new EmbeddedOperations(config, listener).status();
    }

    public EmbeddedStatus embeddedStart() {
        return new EmbeddedOperations(config, listener).start();
    }

    /** Stops the embedded server; returns whether it was running. */
    public boolean embeddedStop() {
        return new EmbeddedOperations(config, listener).stop();
    }

    /** Every embedded server of this user: registered ones, and others found running. */
    public List<EmbeddedStatus> embeddedServers() {
        return new EmbeddedOperations(config, listener).servers();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
