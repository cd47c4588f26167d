package dev.lockstep;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.config.ConfigLoader;
import dev.lockstep.internal.engine.Engine;
import dev.lockstep.internal.engine.ToolVersion;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.RuleInfo;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The entry point of Lockstep as a library, and the only one: the command line, the Maven plugin and
 * the Spring Boot starter make the same calls.
 *
 * <pre>{@code
 * // Configured as the command line would be: lockstep.toml, LOCKSTEP_* and DATABASE_URL, PG*, ~/.pgpass
 * Lockstep lockstep = Lockstep.configure().fromEnvironment(Path.of("."), "staging").build();
 * MigrateResult result = lockstep.migrate();
 *
 * // Or entirely in code, on the application's connection pool
 * Lockstep.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration")
 *         .set(Setting.LOCK_TIMEOUT, Duration.ofSeconds(2))
 *         .build()
 *         .migrate(MigrateOptions.ALL.withTarget("42"));
 * }</pre>
 */
public final class Lockstep {
    private final LockstepConfig config;
    private final RunListener listener;
    private final Engine engine;

    private Lockstep(LockstepConfig config, RunListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.engine = new Engine(config, listener);
    }

    public static Lockstep create(LockstepConfig config) {
        return new Lockstep(config, RunListener.NONE);
    }

    /** Starts a configuration; {@code build()} on it gives a {@link Lockstep}. */
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
        return ToolVersion.current();
    }

    /**
     * What a front-end applies to every line it prints: removes the passwords of URLs (also of URLs that
     * do not parse), {@code password=} parameters, and every form (as typed, percent-encoded, JSON-escaped)
     * of the passwords found in the environment ({@code PGPASSWORD}, URLs in any variable) and the
     * arguments.
     */
    public static java.util.function.UnaryOperator<String> redactor(Map<String, String> env, List<String> args) {
        return dev.lockstep.internal.pg.Redactor.of(dev.lockstep.internal.pg.Redactor.secretsOf(env, args));
    }

    /** Applies every pending migration. */
    public MigrateResult migrate() {
        return migrate(MigrateOptions.ALL);
    }

    /** Applies pending migrations up to a target, or with {@code dryRun} shows exactly what would run. */
    public MigrateResult migrate(MigrateOptions options) {
        return engine.notifyingFailure("migrate", () -> engine.migrate(options));
    }

    /**
     * Runs down scripts, newest first; refuses, naming them, when any of them has no down script. Leaves
     * an audit line and a report, and tells the notifiers of {@code [notify]} what it undid.
     *
     * @throws MigrateFailedException when a down script fails, with the migrations rolled back before it
     */
    public MigrateResult rollback(RollbackOptions options) {
        return engine.rollbackCommand(options);
    }

    /** Every migration and where it stands. */
    public StatusResult status() {
        return engine.notifyingFailure("status", engine::status);
    }

    /**
     * Whether the application may take traffic as far as the schema goes: the database answers and every
     * migration is applied, none failed, partly applied or changed. Read-only; reads files and history now.
     */
    public Readiness readiness() {
        return engine.readiness();
    }

    /** {@link #readiness()} reused for {@code serve.cache} ({@link Setting#SERVE_CACHE}): for probes. */
    public ReadinessProbe readinessProbe() {
        return new ReadinessProbe(engine::readiness, config.get(Setting.SERVE_CACHE), config.clock());
    }

    /** Checksums, missing files, out-of-order files: whether files and history agree. */
    public ValidateResult validate() {
        return engine.notifyingFailure("validate", engine::validate);
    }

    /** Marks a database Lockstep has not managed yet as being at {@code version}. */
    public String baseline(String version, String description) {
        return engine.notifyingFailure("baseline", () -> engine.baseline(version, description));
    }

    /** The version whose files produce an unmanaged database's schema (binary search on a scratch database). */
    public BaselineDetection detectBaseline() {
        return engine.detectBaseline();
    }

    /**
     * Takes over another tool's history table ({@code options.from()}: flyway, liquibase, alembic,
     * golang-migrate, dbmate, goose, supabase, diesel, prisma, schema_migrations): every row it can match to a
     * file becomes a Lockstep history row of kind {@code imported}; with {@code dryRun}, only shows the mapping.
     */
    public ImportResult importHistory(ImportOptions options) {
        return engine.importHistory(options);
    }

    /** Removes failed history records and accepts edited files' checksums. */
    public RepairResult repair() {
        return engine.notifyingFailure("repair", engine::repair);
    }

    /**
     * Lints migration scripts without running them.
     *
     * @param paths files or directories; empty for the migrations directory
     * @param stdin SQL read from standard input, or null
     */
    public LintReport lint(List<Path> paths, String stdin) {
        return engine.lint(paths, stdin);
    }

    /**
     * The lock timeline of each script ({@code lint --explain}): for every statement, the locks it takes,
     * on what, what they block and until where they are held.
     *
     * @param paths files or directories; empty for the migrations directory
     * @param stdin SQL read from standard input, or null
     */
    public List<dev.lockstep.lint.LockTimeline> explainLocks(List<Path> paths, String stdin) {
        return engine.explainLocks(paths, stdin);
    }

    /** The built-in lint rules: id, default severity and summary. */
    public static List<RuleInfo> lintRules() {
        return BuiltInRules.all().stream().map(Rule::info).toList();
    }

    /**
     * The runbook's pre-flight checks, read-only.
     *
     * @param outsideWindowReason why running inside the denied deploy window is fine, or null
     */
    public PreflightReport preflight(String outsideWindowReason) {
        return engine.notifyingFailure("preflight", () -> engine.preflight(outsideWindowReason));
    }

    /** Runs the SQL assertions and smoke checks of {@code [verify]}; changes nothing. */
    public VerifyReport verify() {
        return engine.notifyingFailure("verify", engine::verify);
    }

    /**
     * The whole runbook: preflight, backup, lint and plan, migrate, verify; audit log, report and
     * notifications.
     *
     * @throws DeployFailedException naming the failed step, with the whole result
     */
    public DeployResult deploy(DeployOptions options) {
        return engine.deploy(options);
    }

    /**
     * Approves a deploy plan saved by {@code deploy --plan-out}: checks that it is still what a deploy would
     * run, then records the approver, time and plan hash in the target's audit table.
     *
     * @throws dev.lockstep.error.LockstepException {@code PLAN_CHANGED} naming what changed, {@code PLAN_FILE}
     *         when the file cannot be read as a plan
     */
    public Approval approve(Path planFile) {
        return engine.approve(planFile);
    }

    /** Takes a backup (pg_dump by default) into the backup directory, with its manifest. */
    public BackupManifest backup() {
        return engine.notifyingFailure("backup", engine::backup);
    }

    /** The backups in the backup directory, newest first. */
    public List<BackupManifest> backups() {
        return engine.backups();
    }

    /**
     * Reads a backup's manifest and checks, touching nothing and without reading the dump through, that
     * it can be restored here: the dump is there with the manifest's size, and it was taken from this
     * environment. Returns the manifest. {@link #restore} checks the dump's SHA-256.
     */
    public BackupManifest checkBackup(Path file) {
        return engine.notifyingFailure("restore", () -> engine.checkBackup(file));
    }

    /**
     * Restores a backup: in place (the target becomes the backup's database: what was created after it is
     * gone, what was dropped is back, privileges as they were), or with {@code toNew} into a new database;
     * then compares the restored database with the backup's catalog fingerprint. Leaves an audit line and
     * a report, and tells the notifiers of {@code [notify]}.
     *
     * @throws RestoreMismatchException when the restored database differs from the backup, with the differences
     */
    public RestoreResult restore(Path file, String toNew) {
        return engine.restoreCommand(file, toNew);
    }

    /** The target's schema read from its catalogs, one block per object; written to {@code out} unless null. */
    public SnapshotResult snapshot(Path out) {
        return engine.snapshot(out);
    }

    /**
     * Compares the live schema with the schema its applied migrations produce (built on a scratch
     * database) and with the {@code snapshot-file} when there is one; records the outcome for
     * {@link #status()}. Changes nothing in the target's own schema.
     */
    public DriftResult drift() {
        return engine.drift();
    }

    /**
     * Rehearses the pending migrations on a scratch copy of the target: each up, down and up again, with
     * the schema compared after each step. The target is only read.
     *
     * @param fromDump a backup taken by {@link #backup()} to restore the copy from (real data and sizes), or
     *                 null to build the copy from the applied migrations' files
     */
    public RehearsalResult rehearse(Path fromDump) {
        return engine.rehearse(fromDump);
    }

    /** Migrations added on parallel branches, from the files, the history and git when present; changes nothing. */
    public HeadsResult heads() {
        return engine.heads();
    }

    /** Resolves {@link #heads()}: renumbers files not applied yet, or records an order; never an applied file. */
    public MergeResult merge(boolean dryRun) {
        return engine.merge(dryRun);
    }

    /**
     * Waits until the database's server accepts connections: refused connections, a server starting up
     * and a host name not yet in DNS are tried again with backoff until {@code timeout}.
     *
     * @throws dev.lockstep.error.LockstepException {@code SERVER_UNAVAILABLE} (exit 4) when time runs out
     */
    public WaitResult waitForServer(java.time.Duration timeout) {
        return engine.waitForServer(timeout);
    }

    /**
     * Records the identity of the environment's database (its server's system identifier and its name)
     * as {@code database-id} in the environment's section of lockstep.toml; every later command refuses
     * another database. An environment pinned to another database is refused unless {@code replace}.
     */
    public DatabasePin pinEnvironment(boolean replace) {
        return engine.pinEnvironment(replace);
    }

    /** Creates the next migration's files in the directory's naming style; returns them, up first. */
    public List<Path> newMigration(String name) {
        return engine.notifyingFailure("new", () -> engine.newMigration(name));
    }

    /** The embedded PostgreSQL of this configuration ({@code embedded-dir}): running or not. */
    public EmbeddedStatus embeddedStatus() {
        return engine.embeddedStatus();
    }

    /** Starts the embedded PostgreSQL, or finds it running. */
    public EmbeddedStatus embeddedStart() {
        return engine.embeddedStart();
    }

    /** Stops the embedded PostgreSQL; its data stays. Returns whether it was running. */
    public boolean embeddedStop() {
        return engine.embeddedStop();
    }

    /** Every embedded PostgreSQL of this user, running or not: those Lockstep started, and others found running. */
    public List<EmbeddedStatus> embeddedServers() {
        return engine.embeddedServers();
    }

    /**
     * Builds a {@link Lockstep}. Values come, highest first, from {@link #option} and {@link #set} (the command
     * line, or code), then with {@link #fromEnvironment} from the environment and {@code lockstep.toml},
     * then the defaults of {@link Setting}.
     */
    public static final class Builder {
        private final Map<Setting<?>, String> options = new LinkedHashMap<>();
        /** Where an option's text came from when not the command line, e.g. {@code -Dlockstep.lock-timeout}. */
        private final Map<Setting<?>, String> optionSources = new LinkedHashMap<>();
        private final Map<Setting<?>, Object> values = new LinkedHashMap<>();
        private Path workDir;
        private String environment;
        private Map<String, String> env;
        private boolean fromEnvironment;
        private DataSource dataSource;
        private Clock clock;
        private RunListener listener = RunListener.NONE;
        /** Changes to make last, or null. */
        private Consumer<LockstepConfig.Builder> change;

        private Builder() {
        }

        /**
         * Reads {@code lockstep.toml} in {@code workDir}, the {@code [env.NAME]} section when {@code environment}
         * is not null, the {@code LOCKSTEP_*}, {@code DATABASE_URL} and PG* variables of this process and
         * ~/.pgpass, exactly as the command line does.
         */
        public Builder fromEnvironment(Path workDir, String environment) {
            return fromEnvironment(workDir, environment, null);
        }

        /** As {@link #fromEnvironment(Path, String)}, with these environment variables instead of the process's. */
        public Builder fromEnvironment(Path workDir, String environment, Map<String, String> env) {
            this.workDir = workDir;
            this.environment = environment;
            this.env = env;
            this.fromEnvironment = true;
            return this;
        }

        /** A value as text, as given on a command line (it wins over the environment and the file). */
        public Builder option(Setting<?> setting, String text) {
            options.put(setting, text);
            optionSources.remove(setting);
            return this;
        }

        /**
         * A value as text from a named source (e.g. {@code -Dlockstep.lock-timeout}), which wins over the
         * environment and the file; a value that cannot be read is reported with that source and an example
         * written the same way.
         */
        public Builder option(Setting<?> setting, String text, String source) {
            options.put(setting, text);
            optionSources.put(setting, source);
            return this;
        }

        /** A typed value (it wins over the environment and the file). */
        public <T> Builder set(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        /** A value as text by its name in lockstep.toml: {@code set("lock-timeout", "2s")}. */
        public Builder set(String name, String text) {
            Setting<?> s = Setting.byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown setting '" + name + "'"));
            return option(s, text);
        }

        public Builder url(String url) {
            return set(Setting.URL, url);
        }

        /** Migrate through the application's connection pool instead of a URL. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder dir(Path dir) {
            return set(Setting.DIR, dir);
        }

        /** Where the migrations are: directories, or {@code classpath:db/migration} (read from the class path). */
        public Builder locations(String... locations) {
            return set(Setting.LOCATIONS, List.of(locations));
        }

        public Builder historySchema(String schema) {
            return set(Setting.HISTORY_SCHEMA, schema);
        }

        /** The directory relative paths are resolved against (default: the current directory). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(RunListener listener) {
            this.listener = listener;
            return this;
        }

        /** Anything else: adjust the configuration before it is built. */
        public Builder with(Consumer<LockstepConfig.Builder> change) {
            this.change = this.change == null ? change : this.change.andThen(change);
            return this;
        }

        public LockstepConfig config() {
            Path dir = workDir != null ? workDir : Path.of("").toAbsolutePath();
            LockstepConfig base;
            if (fromEnvironment) {
                ConfigLoader loader = env == null ? ConfigLoader.fromProcess(dir)
                        : new ConfigLoader(env, dir, clock != null ? clock : Clock.systemUTC());
                base = loader.load(options, optionSources, environment);
            } else {
                LockstepConfig.Builder b = LockstepConfig.builder().workDir(dir);
                for (Map.Entry<Setting<?>, String> e : options.entrySet()) {
                    setText(b, e.getKey(), e.getValue(), optionSources.get(e.getKey()));
                }
                base = b.build();
            }
            LockstepConfig.Builder b = base.toBuilder();
            for (Map.Entry<Setting<?>, Object> e : values.entrySet()) {
                setTyped(b, e.getKey(), e.getValue());
            }
            if (dataSource != null) {
                b.dataSource(dataSource);
            }
            if (clock != null) {
                b.clock(clock);
            }
            if (change != null) {
                change.accept(b);
            }
            return b.build();
        }

        public Lockstep build() {
            return new Lockstep(config(), listener);
        }

        private static <T> void setText(LockstepConfig.Builder b, Setting<T> s, String text, String source) {
            try {
                b.set(s, s.parse(text), source != null ? source : s.option().orElse("code"));
            } catch (IllegalArgumentException e) {
                throw new LockstepException(ErrorCode.CONFIG, e.getMessage() + (source != null ? " (from " + source
                        + ")" : ""), "see docs/settings.md");
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> void setTyped(LockstepConfig.Builder b, Setting<T> s, Object value) {
            b.set(s, (T) value);
        }
    }
}
