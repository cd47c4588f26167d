package dev.lockstep;

import dev.lockstep.internal.execute.HistoryMaintenance;
import dev.lockstep.internal.execute.Migrator;
import dev.lockstep.internal.execute.Session;
import dev.lockstep.internal.execute.Sleeper;
import dev.lockstep.internal.history.HistoryRow;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.plan.Reconciled;
import dev.lockstep.internal.plan.Reconciler;
import dev.lockstep.internal.source.MigrationCreator;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * The entry point of Lockstep as a library. Every front-end (CLI, Maven plugin, Spring Boot) makes the
 * same calls:
 *
 * <pre>{@code
 * MigrateResult result = Lockstep.configure()
 *         .url("postgres://app@db:5432/app")
 *         .dir(Path.of("db/migrations"))
 *         .build()
 *         .migrate();
 * }</pre>
 */
public final class Lockstep {
    private final LockstepConfig config;
    private final RunListener listener;

    private Lockstep(LockstepConfig config, RunListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public static Lockstep create(LockstepConfig config) {
        return new Lockstep(config, RunListener.NONE);
    }

    /** Starts a configuration in code; {@code build()} on it gives a {@link Lockstep}. */
    public static Builder configure() {
        return new Builder();
    }

    /** A copy that reports progress to the listener. */
    public Lockstep withListener(RunListener listener) {
        return new Lockstep(config, listener);
    }

    public LockstepConfig config() {
        return config;
    }

    /** Lockstep's own version, as recorded in the history. */
    public static String version() {
        try (InputStream in = Lockstep.class.getResourceAsStream("lockstep.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Applies every pending migration. */
    public MigrateResult migrate() {
        return migrate(null, false);
    }

    /**
     * @param target apply up to and including this version; null for all
     * @param dryRun only plan: shows the exact SQL, changes nothing (not even the history schema)
     */
    public MigrateResult migrate(String target, boolean dryRun) {
        return new Migrator(config, listener, Sleeper.REAL, version()).migrate(target, dryRun);
    }

    /**
     * Runs down scripts, newest first: {@code steps} migrations, or all above {@code toVersion}.
     * Refuses, naming them, when any of them has no down script.
     */
    public MigrateResult rollback(Integer steps, String toVersion, boolean dryRun) {
        return new Migrator(config, listener, Sleeper.REAL, version())
                .rollback(toVersion == null && steps == null ? Integer.valueOf(1) : steps, toVersion, dryRun);
    }

    public StatusResult status() {
        FilesInBackground loading = FilesInBackground.start(config);
        try (Session session = openSession(loading, "lockstep status")) {
            java.sql.Connection c = connect(session, loading);
            MigrationSet files = loading.get();
            HistoryStore history = new HistoryStore(config.historySchema());
            List<HistoryRow> rows;
            try {
                rows = history.readAll(c);
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the history");
            }
            List<Reconciled> states = new Reconciler().reconcile(files, rows);
            List<MigrationInfo> infos = new ArrayList<>();
            for (Reconciled r : states) {
                infos.add(StatusLines.info(r));
            }
            return new StatusResult(session.target().display(), history.table(), config.shown(config.dir()),
                    Reconciler.currentVersion(states), List.copyOf(infos),
                    new Planner().validate(states, config.outOfOrder()));
        }
    }

    /** Connects while the files load in the background; a file problem is reported before a connection problem. */
    private static java.sql.Connection connect(Session session, FilesInBackground loading) {
        try {
            return session.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
    }

    private Session openSession(FilesInBackground loading, String application) {
        try {
            return Session.open(config, listener, application);
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
    }

    public ValidateResult validate() {
        StatusResult status = status();
        return new ValidateResult(status.database(), status.migrations().size(), status.issues());
    }

    /** Marks a database Lockstep has not managed yet as being at {@code version}. */
    public String baseline(String version, String description) {
        return new HistoryMaintenance(config, listener, version()).baseline(version,
                description == null ? "baseline" : description);
    }

    public RepairResult repair() {
        return new HistoryMaintenance(config, listener, version()).repair();
    }

    /**
     * Lints migration scripts without running them.
     *
     * @param paths files or directories; empty for the migrations directory
     * @param stdin SQL read from standard input, or null
     */
    public dev.lockstep.lint.LintReport lint(List<Path> paths, String stdin) {
        return new dev.lockstep.internal.lint.LintRun(config, listener).lint(paths, stdin);
    }

    /**
     * The lock timeline of each script ({@code lint --explain}): for every statement, the locks it takes,
     * on what, what they block and until where they are held.
     *
     * @param paths files or directories; empty for the migrations directory
     * @param stdin SQL read from standard input, or null
     */
    public List<dev.lockstep.lint.LockTimeline> explainLocks(List<Path> paths, String stdin) {
        return new dev.lockstep.internal.lint.LintRun(config, listener).explain(paths, stdin);
    }

    /** The built-in lint rules: id, default severity and summary. */
    public static List<dev.lockstep.lint.RuleInfo> lintRules() {
        return dev.lockstep.internal.lint.rules.BuiltInRules.all().stream()
                .map(dev.lockstep.internal.lint.Rule::info).toList();
    }

    /**
     * The runbook's pre-flight checks, read-only.
     *
     * @param outsideWindowReason why running inside the denied deploy window is fine, or null
     */
    public PreflightReport preflight(String outsideWindowReason) {
        return new dev.lockstep.internal.guard.Preflight(config, listener).run(outsideWindowReason);
    }

    /** Runs the SQL assertions and smoke checks of {@code [verify]}; changes nothing. */
    public VerifyReport verify() {
        return new dev.lockstep.internal.verify.Verifier(config, listener).run();
    }

    /**
     * The whole runbook: preflight, backup, lint and plan, migrate, verify; audit log, report and
     * notifications. Throws a {@link LockstepException} naming the failed step (its result is in the
     * report) when a step fails.
     *
     * @param onFailure {@code none}, {@code rollback} or {@code restore}
     */
    public DeployResult deploy(boolean dryRun, String outsideWindowReason, String onFailure) {
        return new dev.lockstep.internal.runbook.Deploy(config, listener).run(new dev.lockstep.internal.runbook
                .DeployOptions(dryRun, outsideWindowReason, onFailure == null ? "none" : onFailure,
                config.installedBy(), hostName()));
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    /** Takes a pg_dump custom-format backup into the backup directory, with its manifest. */
    public BackupManifest backup() {
        return new dev.lockstep.internal.backup.BackupRun(config, listener).backup();
    }

    /** The backups in the backup directory, newest first. */
    public List<BackupManifest> backups() {
        return dev.lockstep.internal.backup.Backups.list(config.backupDir());
    }

    /** Checks a dump against its manifest and the environment, touching nothing; returns the manifest. */
    public BackupManifest checkBackup(Path file) {
        return new dev.lockstep.internal.backup.RestoreRun(config, listener).check(config.workDir().resolve(file));
    }

    /**
     * Restores a backup: replaces the target's objects, or with {@code toNew} restores into a new database;
     * then checks the restored migration version. Returns that version.
     */
    public String restore(Path file, String toNew) {
        return new dev.lockstep.internal.backup.RestoreRun(config, listener).restore(config.workDir().resolve(file), toNew);
    }

    /** Creates the next migration's files in the directory's naming style; returns them, up first. */
    public List<Path> newMigration(String name) {
        return new MigrationCreator().create(config.dir(), name, config.clock());
    }

    /** A {@link LockstepConfig.Builder} whose {@code build()} gives a ready {@link Lockstep}. */
    public static final class Builder {
        private final LockstepConfig.Builder config = LockstepConfig.builder();
        private RunListener listener = RunListener.NONE;

        public Builder url(String url) {
            config.url(url).urlSource("code");
            return this;
        }

        public Builder dir(Path dir) {
            config.dir(dir);
            return this;
        }

        public Builder historySchema(String schema) {
            config.historySchema(schema);
            return this;
        }

        public Builder listener(RunListener listener) {
            this.listener = listener;
            return this;
        }

        /** For every other setting: adjust the underlying configuration builder. */
        public Builder with(java.util.function.Consumer<LockstepConfig.Builder> change) {
            change.accept(config);
            return this;
        }

        public Lockstep build() {
            return new Lockstep(config.build(), listener);
        }
    }
}
