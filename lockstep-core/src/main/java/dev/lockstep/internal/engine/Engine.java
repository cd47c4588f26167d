package dev.lockstep.internal.engine;

import dev.lockstep.BackupManifest;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.EmbeddedStatus;
import dev.lockstep.ImportOptions;
import dev.lockstep.ImportResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.RepairResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.ValidateResult;
import dev.lockstep.VerifyReport;
import dev.lockstep.internal.backup.BackupRun;
import dev.lockstep.internal.backup.Backups;
import dev.lockstep.internal.backup.RestoreRun;
import dev.lockstep.internal.embedded.EmbeddedServer;
import dev.lockstep.internal.execute.ForeignTablesCheck;
import dev.lockstep.internal.execute.HistoryMaintenance;
import dev.lockstep.internal.execute.Importer;
import dev.lockstep.internal.execute.LintVerdicts;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.guard.Preflight;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.runbook.Deploy;
import dev.lockstep.internal.runbook.Operations;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationCreator;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.internal.verify.Verifier;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.spi.RunListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
            return new StatusResult(session.target().display(), history.table(), config.shown(config.dir()),
                    state.currentVersion(), state.lines(),
                    new Planner().validate(state.states(), config.get(Setting.OUT_OF_ORDER)));
        }
    }

    public ValidateResult validate() {
        StatusResult status = status();
        return new ValidateResult(status.database(), status.migrations().size(), status.issues());
    }

    public String baseline(String version, String description) {
        return new HistoryMaintenance(config, listener, ToolVersion.current()).baseline(version,
                description == null ? "baseline" : description);
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

    @Override
    public PreflightReport preflight(String outsideWindowReason) {
        return new Preflight(config, listener).run(outsideWindowReason);
    }

    @Override
    public VerifyReport verify() {
        return new Verifier(config, listener).run();
    }

    public DeployResult deploy(DeployOptions options) {
        return new Deploy(this, listener).run(options, config.installedBy(), hostName());
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
        return new RestoreRun(config, listener).restore(config.workDir().resolve(file), toNew);
    }

    public List<Path> newMigration(String name) {
        return new MigrationCreator().create(config.dir(), name, config.clock());
    }

    public EmbeddedStatus embeddedStatus() {
        EmbeddedServer server = new EmbeddedServer(config.path(Setting.EMBEDDED_DIR));
        return status(server.status(), false);
    }

    public EmbeddedStatus embeddedStart() {
        EmbeddedServer.Running r = new EmbeddedServer(config.path(Setting.EMBEDDED_DIR)).ensureRunning();
        return status(r.status(), r.started());
    }

    /** Stops the embedded server; returns whether it was running. */
    public boolean embeddedStop() {
        return new EmbeddedServer(config.path(Setting.EMBEDDED_DIR)).stop();
    }

    private static EmbeddedStatus status(EmbeddedServer.Status s, boolean started) {
        return new EmbeddedStatus(s.running(), s.running() ? s.pid() : null, s.running() ? s.port() : null,
                s.running() ? s.jdbcUrl() : null, s.dataDirectory(), started);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
