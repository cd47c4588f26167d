package dev.lockstep;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a Lockstep operation needs to know, resolved once from the command line, the environment,
 * {@code lockstep.toml} and the defaults (in that order of precedence), then passed down unchanged.
 *
 * @param url the database URL, or null for the embedded server (and no PG* variables)
 * @param urlSource where the URL came from, for messages: "--url", "DATABASE_URL", "lockstep.toml", ...
 * @param connectionEnv PG* variables, PGPASSFILE and HOME: what a libpq client would read
 * @param dirSource how the migrations directory was chosen, for messages
 * @param environment the {@code --env} name, or null
 * @param lint the {@code [lint]} settings and whether migrate may apply error-level findings
 * @param traffic blocker waits, cancelling, statement and idle timeouts
 * @param backupKeep backups of an environment to keep (0: all)
 * @param pgBin directory of pg_dump and pg_restore, or null for the PATH
 * @param preflight thresholds of the preflight checks
 * @param verify assertion scripts and smoke checks
 * @param notifications where deploy notifications go
 * @param backupProvider {@code pg_dump}, {@code command}, {@code template} or a provider found by name
 * @param backupCommand the shell command of the {@code command} provider, or null
 * @param auditTable whether deploy also writes its audit entries to a table in the history schema
 * @param allowNonEmpty whether migrate may run on a database that has objects but no history
 */
public record LockstepConfig(String url, String urlSource, Map<String, String> connectionEnv, Path dir, String dirSource,
                             String historySchema, Duration lockWait, Duration lockTimeout, int lockRetries,
                             Duration connectTimeout, boolean outOfOrder, String environment, boolean protectedEnvironment,
                             Path embeddedDir, Path workDir, String installedBy, Clock clock,
                             dev.lockstep.lint.LintSettings lint, TrafficSettings traffic, Path backupDir,
                             int backupKeep, Path pgBin, PreflightSettings preflight, VerifySettings verify,
                             NotifySettings notifications, String backupProvider, String backupCommand,
                             boolean auditTable, boolean allowNonEmpty) {

    public LockstepConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(historySchema, "historySchema");
        Objects.requireNonNull(lockWait, "lockWait");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(embeddedDir, "embeddedDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lint, "lint");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(backupDir, "backupDir");
        Objects.requireNonNull(preflight, "preflight");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(backupProvider, "backupProvider");
        connectionEnv = Map.copyOf(connectionEnv);
    }

    /** A path as a user wants to read it: relative to the working directory when inside it. */
    public String shown(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path work = workDir.toAbsolutePath().normalize();
        return abs.startsWith(work) ? work.relativize(abs).toString() : abs.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.urlSource = urlSource;
        b.connectionEnv = connectionEnv;
        b.dir = dir;
        b.dirSource = dirSource;
        b.historySchema = historySchema;
        b.lockWait = lockWait;
        b.lockTimeout = lockTimeout;
        b.lockRetries = lockRetries;
        b.connectTimeout = connectTimeout;
        b.outOfOrder = outOfOrder;
        b.environment = environment;
        b.protectedEnvironment = protectedEnvironment;
        b.embeddedDir = embeddedDir;
        b.workDir = workDir;
        b.installedBy = installedBy;
        b.clock = clock;
        b.lint = lint;
        b.traffic = traffic;
        b.backupDir = backupDir;
        b.backupKeep = backupKeep;
        b.pgBin = pgBin;
        b.preflight = preflight;
        b.verify = verify;
        b.notifications = notifications;
        b.backupProvider = backupProvider;
        b.backupCommand = backupCommand;
        b.auditTable = auditTable;
        b.allowNonEmpty = allowNonEmpty;
        return b;
    }

    /** Builds a configuration in code; every value not set keeps the default of {@link Setting}. */
    public static final class Builder {
        private String url;
        private String urlSource = "code";
        private Map<String, String> connectionEnv = Map.of();
        private Path dir = Path.of("migrations");
        private String dirSource = "default";
        private String historySchema = "lockstep";
        private Duration lockWait = Duration.ofSeconds(60);
        private Duration lockTimeout = Duration.ofSeconds(1);
        private int lockRetries = 5;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private boolean outOfOrder;
        private String environment;
        private boolean protectedEnvironment;
        private Path embeddedDir = Path.of(".lockstep");
        private Path workDir = Path.of("").toAbsolutePath();
        private String installedBy;
        private Clock clock = Clock.systemUTC();
        private dev.lockstep.lint.LintSettings lint = dev.lockstep.lint.LintSettings.DEFAULT;
        private TrafficSettings traffic = TrafficSettings.DEFAULT;
        private Path backupDir = Path.of("backups").toAbsolutePath();
        private int backupKeep;
        private Path pgBin;
        private PreflightSettings preflight = PreflightSettings.DEFAULT;
        private VerifySettings verify;
        private NotifySettings notifications = NotifySettings.NONE;
        private String backupProvider = "pg_dump";
        private String backupCommand;
        private boolean auditTable;
        private boolean allowNonEmpty;

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder urlSource(String urlSource) {
            this.urlSource = urlSource;
            return this;
        }

        public Builder connectionEnv(Map<String, String> connectionEnv) {
            this.connectionEnv = connectionEnv;
            return this;
        }

        public Builder dir(Path dir) {
            this.dir = dir;
            this.dirSource = "code";
            return this;
        }

        public Builder dirSource(String dirSource) {
            this.dirSource = dirSource;
            return this;
        }

        public Builder historySchema(String historySchema) {
            this.historySchema = historySchema;
            return this;
        }

        public Builder lockWait(Duration lockWait) {
            this.lockWait = lockWait;
            return this;
        }

        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder lockRetries(int lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        public Builder environment(String environment, boolean protectedEnvironment) {
            this.environment = environment;
            this.protectedEnvironment = protectedEnvironment;
            return this;
        }

        public Builder embeddedDir(Path embeddedDir) {
            this.embeddedDir = embeddedDir;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder installedBy(String installedBy) {
            this.installedBy = installedBy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder lint(dev.lockstep.lint.LintSettings lint) {
            this.lint = lint;
            return this;
        }

        public Builder traffic(TrafficSettings traffic) {
            this.traffic = traffic;
            return this;
        }

        public Builder backups(Path dir, int keep, Path pgBin) {
            this.backupDir = dir;
            this.backupKeep = keep;
            this.pgBin = pgBin;
            return this;
        }

        /** Which backup provider takes backups, and the command of the {@code command} provider. */
        public Builder backupProvider(String provider, String command) {
            this.backupProvider = provider;
            this.backupCommand = command;
            return this;
        }

        public Builder auditTable(boolean auditTable) {
            this.auditTable = auditTable;
            return this;
        }

        public Builder allowNonEmpty(boolean allowNonEmpty) {
            this.allowNonEmpty = allowNonEmpty;
            return this;
        }

        public Builder notifications(NotifySettings notifications) {
            this.notifications = notifications;
            return this;
        }

        public Builder verify(VerifySettings verify) {
            this.verify = verify;
            return this;
        }

        public Builder preflight(PreflightSettings preflight) {
            this.preflight = preflight;
            return this;
        }

        public LockstepConfig build() {
            return new LockstepConfig(url, urlSource, connectionEnv, dir, dirSource, historySchema, lockWait,
                    lockTimeout, lockRetries, connectTimeout, outOfOrder, environment, protectedEnvironment,
                    embeddedDir, workDir, installedBy, clock, lint, traffic, backupDir, backupKeep, pgBin,
                    preflight, verify != null ? verify : new VerifySettings(workDir.resolve("verify"), List.of(), List.of()),
                    notifications, backupProvider, backupCommand, auditTable, allowNonEmpty);
        }
    }
}
