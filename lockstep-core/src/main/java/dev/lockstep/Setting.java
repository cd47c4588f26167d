package dev.lockstep;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One setting, and the registry of them all: its TOML section and key, its type, its default, the
 * environment variable and command-line option that set it, and what it means. The configuration
 * builder's defaults, the lockstep.toml reader, the environment reader, the command-line options and
 * the settings reference (docs/settings.md) all come from here, so adding a setting means adding one
 * constant here and using it where it matters ({@code config.get(Setting.X)}).
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {
    private static final List<Setting<?>> ALL = new ArrayList<>();

    // Where the database is, and how it is reached.
    public static final Setting<String> URL = define("", "url", SettingType.STRING).env("DATABASE_URL")
            .option("--url", "URL").doc("Database to migrate: postgres://user:pass@host:5432/db?sslmode=require or "
                    + "jdbc:postgresql://... Without it: the PG* variables, else the embedded server.").add();
    public static final Setting<String> URL_ENV = define("", "url-env", SettingType.STRING)
            .doc("Name of an environment variable that holds the URL (lockstep.toml only), e.g. PROD_DATABASE_URL.").add();
    public static final Setting<Duration> CONNECT_TIMEOUT = define("", "connect-timeout", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(10)).env("LOCKSTEP_CONNECT_TIMEOUT").option("--connect-timeout", "DURATION")
            .doc("How long to wait for the database to accept a connection.").add();
    public static final Setting<Boolean> PROTECTED = define("", "protected", SettingType.BOOLEAN).defaultValue(false)
            .doc("Marks an environment (an [env.NAME] section) as protected: destructive commands need "
                    + "confirmation.").add();
    public static final Setting<String> DATABASE_ID = define("", "database-id", SettingType.ofText(
            "system identifier/database name", Setting::databaseId, s -> s)).env("LOCKSTEP_DATABASE_ID")
            .doc("The identity of the environment's database (its server's system identifier and its name, as "
                    + "'lockstep env pin' writes it): every command refuses (exit 3) a database that is not this "
                    + "one.").add();
    public static final Setting<String> DEFAULT_ENV = define("", "default-env", SettingType.STRING)
            .env("LOCKSTEP_ENV").doc("The environment ([env.NAME] section) used when --env is not given. Without it, "
                    + "a lockstep.toml that defines environments needs --env for commands that use a database.").add();
    public static final Setting<Path> EMBEDDED_DIR = define("", "embedded-dir", SettingType.PATH)
            .env("LOCKSTEP_EMBEDDED_DIR").defaultText("~/.lockstep/embedded")
            .doc("Where the embedded PostgreSQL keeps its data, log and state (relative paths start at the working "
                    + "directory). One server per user by default; each project directory gets a database of its "
                    + "own on it.").add();
    public static final Setting<Duration> EMBEDDED_IDLE_STOP = define("", "embedded-idle-stop", SettingType.DURATION)
            .defaultValue(Duration.ofMinutes(30)).env("LOCKSTEP_EMBEDDED_IDLE_STOP")
            .doc("The embedded PostgreSQL stops itself after this long without a session or a command using it "
                    + "(0 keeps it running until 'lockstep embedded stop').").add();

    // The migrations and their history.
    public static final Setting<Path> DIR = define("", "dir", SettingType.PATH).env("LOCKSTEP_DIR")
            .option("--dir", "DIR").defaultValue(Path.of("migrations")).defaultText("migrations/ or a usual directory")
            .doc("Migrations directory. Default: migrations/, else the first that exists of db/migrations, "
                    + "db/migration, src/main/resources/db/migration, supabase/migrations, schema.").add();
    public static final Setting<List<String>> LOCATIONS = define("", "locations", SettingType.STRINGS)
            .env("LOCKSTEP_LOCATIONS").defaultText("dir")
            .doc("Where migrations are read from instead of dir: directories, or classpath:db/migration (a "
                    + "folder on the class path, also inside a jar); several are merged by version.").add();
    public static final Setting<String> HISTORY_SCHEMA = define("", "history-schema", SettingType.STRING)
            .defaultValue("lockstep").env("LOCKSTEP_HISTORY_SCHEMA").option("--history-schema", "SCHEMA")
            .doc("Schema of the history table lockstep_history; created on first use.").add();
    public static final Setting<Boolean> OUT_OF_ORDER = define("", "out-of-order", SettingType.BOOLEAN)
            .defaultValue(false).env("LOCKSTEP_OUT_OF_ORDER").option("--out-of-order", null, "migrate", "deploy")
            .doc("Apply a pending migration whose version is below the highest applied one instead of "
                    + "refusing.").add();
    public static final Setting<Boolean> ALLOW_NON_EMPTY = define("", "allow-non-empty", SettingType.BOOLEAN)
            .defaultValue(false).env("LOCKSTEP_ALLOW_NON_EMPTY").option("--allow-non-empty", null, "migrate", "deploy")
            .doc("Migrate a database that has objects but no Lockstep history (by default refused: baseline or "
                    + "import it first).").add();
    public static final Setting<Boolean> ALLOW_UNSAFE = define("", "allow-unsafe", SettingType.BOOLEAN)
            .defaultValue(false).env("LOCKSTEP_ALLOW_UNSAFE").option("--allow-unsafe", null, "migrate", "deploy")
            .doc("Apply migrations even when lint reports error-level findings in them.").add();

    // One runner at a time, and live traffic.
    public static final Setting<Duration> LOCK_WAIT = define("", "lock-wait", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(60)).env("LOCKSTEP_LOCK_WAIT").option("--lock-wait", "DURATION")
            .doc("How long to wait for another runner's migration lock before giving up with exit 4.").add();
    public static final Setting<Duration> LOCK_TIMEOUT = define("", "lock-timeout", SettingType.POSITIVE_DURATION)
            .defaultValue(Duration.ofSeconds(1)).env("LOCKSTEP_LOCK_TIMEOUT").option("--lock-timeout", "DURATION")
            .doc("lock_timeout for each migration statement (more than 0: 0 would mean no limit); a migration may "
                    + "override it with -- lockstep:lock-timeout.").add();
    public static final Setting<Integer> LOCK_RETRIES = define("", "lock-retries", SettingType.COUNT).defaultValue(5)
            .env("LOCKSTEP_LOCK_RETRIES").doc("How many times a migration whose lock timed out (SQLSTATE 55P03) is "
                    + "retried, with backoff and jitter.").add();
    public static final Setting<Duration> BLOCKER_WAIT = define("", "blocker-wait", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(60)).env("LOCKSTEP_BLOCKER_WAIT")
            .option("--blocker-wait", "DURATION", "migrate", "deploy")
            .doc("How long a migration (each statement, for one that runs statement by statement) waits for "
                    + "long-running sessions in its tables' way before it asks for its locks anyway, under "
                    + "lock-timeout with lock-retries; not a bound on the whole migration.").add();
    public static final Setting<CancelBlockers> CANCEL_BLOCKERS = define("", "cancel-blockers",
            SettingType.words(CancelBlockers.class)).defaultValue(CancelBlockers.OFF).env("LOCKSTEP_CANCEL_BLOCKERS")
            .option("--cancel-blockers", "WHICH", "migrate", "deploy")
            .doc("off, idle-in-transaction or all: cancel the sessions in a migration's way (protected "
                    + "environments ask first).").add();
    public static final Setting<Duration> DDL_STATEMENT_TIMEOUT = define("", "ddl-statement-timeout",
            SettingType.DURATION).defaultValue(Duration.ofSeconds(60)).env("LOCKSTEP_DDL_STATEMENT_TIMEOUT")
            .option("--ddl-statement-timeout", "DURATION", "migrate", "deploy")
            .doc("statement_timeout for statements that hold a write-blocking lock; CONCURRENTLY builds and "
                    + "VALIDATE run without a limit. On PostgreSQL 17+, plus lock-timeout, also the transaction_timeout "
                    + "of a migration transaction that takes such a lock.").add();
    public static final Setting<Duration> IDLE_IN_TRANSACTION_TIMEOUT = define("", "idle-in-transaction-timeout",
            SettingType.DURATION).defaultValue(Duration.ofSeconds(60)).env("LOCKSTEP_IDLE_IN_TRANSACTION_TIMEOUT")
            .doc("idle_in_transaction_session_timeout of the migration's session: a stopped runner never holds "
                    + "locks longer.").add();
    public static final Setting<Duration> MAX_REPLICATION_LAG = define("", "max-replication-lag", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30)).env("LOCKSTEP_MAX_REPLICATION_LAG")
            .doc("A batched backfill (-- lockstep:batch) pauses while a replica's replay lag is above this, and "
                    + "preflight fails when a replica lags more.").add();

    public static final Setting<Duration> REPLICA_CATCH_UP = define("", "replica-catch-up", SettingType.DURATION)
            .defaultValue(Duration.ZERO).defaultText("0 (off)").env("LOCKSTEP_REPLICA_CATCH_UP")
            .option("--replica-catch-up", "DURATION", "migrate", "deploy")
            .doc("After migrate, wait up to this long until every replica in pg_stat_replication has replayed the "
                    + "run's last change; one that has not is an error (exit 4). 0: do not wait.").add();

    // Backups.
    public static final Setting<Path> BACKUP_DIR = define("", "backup-dir", SettingType.PATH)
            .defaultValue(Path.of("backups")).env("LOCKSTEP_BACKUP_DIR").option("--backup-dir", "DIR", "backup")
            .doc("Where backup writes pg_dump files and their manifests, relative to the working directory.").add();
    public static final Setting<Integer> BACKUP_KEEP = define("", "backup-keep", SettingType.COUNT).defaultValue(0)
            .env("LOCKSTEP_BACKUP_KEEP").doc("How many backups of an environment to keep; older ones are deleted "
                    + "after a backup (0 keeps all).").add();
    public static final Setting<String> BACKUP_PROVIDER = define("", "backup-provider", SettingType.STRING)
            .defaultValue("pg_dump").env("LOCKSTEP_BACKUP_PROVIDER")
            .doc("pg_dump (a dump file and manifest), command (runs backup-command, e.g. a managed snapshot) or "
                    + "template (CREATE DATABASE ... TEMPLATE: a copy on the same server, for local and embedded "
                    + "databases).").add();
    public static final Setting<String> BACKUP_COMMAND = define("", "backup-command", SettingType.STRING)
            .env("LOCKSTEP_BACKUP_COMMAND")
            .doc("The shell command of the command provider; it gets LOCKSTEP_BACKUP_NAME, PGHOST, PGPORT, "
                    + "PGDATABASE, PGUSER and PGPASSWORD, and its last output line is recorded as the backup's "
                    + "location.").add();
    public static final Setting<Path> PG_BIN = define("", "pg-bin", SettingType.PATH).env("LOCKSTEP_PG_BIN")
            .doc("Directory of pg_dump and pg_restore, the only place looked at when set; default: the newest on "
                    + "the PATH and in the usual install directories.").add();
    public static final Setting<Boolean> AUDIT_TABLE = define("", "audit-table", SettingType.BOOLEAN)
            .defaultValue(false).env("LOCKSTEP_AUDIT_TABLE")
            .doc("Also append deploy's audit entries to the table lockstep_audit in the history schema (never on "
                    + "a dry run).").add();

    // [lint]
    public static final Setting<Integer> LINT_PG_VERSION = define("lint", "pg-version", SettingType.ofText(
            "major version such as 15", Setting::majorVersion, String::valueOf)).option("--pg-version", "N", "lint")
            .defaultText("the server's, else 15")
            .doc("PostgreSQL major version the lint rules assume; default: the server's when a database is "
                    + "configured, else 15.").add();
    public static final Setting<List<String>> LINT_DISABLE = define("lint", "disable", SettingType.STRINGS)
            .defaultValue(List.of()).doc("Lint rules that are not run, e.g. [\"prefer-text-field\"].").add();
    public static final Setting<List<String>> LINT_ENABLE = define("lint", "enable", SettingType.STRINGS)
            .defaultValue(List.of()).doc("Rules that are off unless enabled, e.g. [\"require-down\"].").add();
    public static final Setting<Map<String, dev.lockstep.lint.Severity>> LINT_SEVERITY = define("lint", "severity",
            SettingType.table("table of rule = severity", dev.lockstep.lint.Severity::parse)).defaultValue(Map.of())
            .doc("[lint.severity]: a rule's severity instead of its default, e.g. ban-drop-column = \"error\".").add();

    // [preflight]
    public static final Setting<Duration> LONG_QUERY = define("preflight", "long-query", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30))
            .doc("A query running, or a session idle in a transaction, longer than this is reported.").add();
    public static final Setting<Integer> MAX_CONNECTIONS_PERCENT = define("preflight", "max-connections-percent",
            SettingType.COUNT).defaultValue(80).doc("Connections in use at or above this share of max_connections "
                    + "fail the check.").add();
    public static final Setting<Duration> BACKUP_MAX_AGE = define("preflight", "backup-max-age", SettingType.DURATION)
            .defaultValue(Duration.ofHours(24)).doc("The newest backup must be younger than this (else a warning).")
            .add();
    public static final Setting<String> DENY_WINDOW = define("preflight", "deny", SettingType.ofText("window HH:MM-HH:MM",
            Setting::window, s -> s)).doc("A time window in which migrations are refused, e.g. \"09:00-18:00\", "
                    + "unless a reason is given.").add();
    public static final Setting<ZoneId> TIME_ZONE = define("preflight", "time-zone", SettingType.TIME_ZONE)
            .defaultValue(ZoneId.of("UTC")).doc("Time zone of the deny window.").add();
    public static final Setting<Boolean> WEEKDAYS_ONLY = define("preflight", "weekdays-only", SettingType.BOOLEAN)
            .defaultValue(true).doc("The deny window applies Monday to Friday only.").add();
    public static final Setting<List<String>> REQUIRED_ENV = define("preflight", "required-env", SettingType.STRINGS)
            .defaultValue(List.of()).doc("Environment variables that must be set (their values are never shown).")
            .add();

    // [verify]
    public static final Setting<Path> VERIFY_DIR = define("verify", "dir", SettingType.PATH)
            .defaultValue(Path.of("verify")).doc("SQL assertion scripts (*.sql): any row a query returns is a "
                    + "failure.").add();
    public static final Setting<List<VerifyCheck.Http>> VERIFY_HTTP = define("verify", "http",
            SettingType.tables("[[verify.http]] url, expect, timeout", VerifyCheck.Http::of)).defaultValue(List.of())
            .doc("[[verify.http]]: url, expect (200), timeout (10s): an HTTP GET that must answer with expect.")
            .add();
    public static final Setting<List<VerifyCheck.Command>> VERIFY_COMMAND = define("verify", "command",
            SettingType.tables("[[verify.command]] run, timeout", VerifyCheck.Command::of)).defaultValue(List.of())
            .doc("[[verify.command]]: run, timeout (60s): a shell command that must exit 0.").add();
    public static final Setting<List<VerifyCheck.Rls>> VERIFY_RLS = define("verify", "rls",
            SettingType.tables("[[verify.rls]] name, role, settings, query, expect-rows, forbidden", VerifyCheck.Rls::of))
            .defaultValue(List.of()).doc("[[verify.rls]]: name, role, settings, query, expect-rows, forbidden: "
                    + "row-level-security checks run as a role.").add();

    // [notify]
    public static final Setting<String> NOTIFY_SLACK_URL_ENV = define("notify", "slack-url-env", SettingType.STRING)
            .doc("Name of the environment variable holding a Slack-compatible incoming webhook URL.").add();
    public static final Setting<String> NOTIFY_WEBHOOK_URL_ENV = define("notify", "webhook-url-env",
            SettingType.STRING).doc("Name of the environment variable holding a generic JSON webhook URL.").add();
    public static final Setting<Duration> NOTIFY_TIMEOUT = define("notify", "timeout", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(5)).doc("How long a notification may take; a slow or failing webhook "
                    + "is a notice, never a failed command.").add();

    private final String section;
    private final String key;
    private final SettingType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final String envVar;
    private final String option;
    private final String paramLabel;
    private final List<String> commands;
    private final String description;

    private Setting(Definition<T> d) {
        this.section = d.section;
        this.key = d.key;
        this.type = d.type;
        this.defaultValue = d.defaultValue;
        this.defaultText = d.defaultText;
        this.envVar = d.envVar;
        this.option = d.option;
        this.paramLabel = d.paramLabel;
        this.commands = List.copyOf(d.commands);
        this.description = Objects.requireNonNull(d.description, d.key);
    }

    /** Every setting, in the order of the settings reference. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** A setting by its name as written in lockstep.toml: {@code lock-timeout}, {@code preflight.long-query}. */
    public static Optional<Setting<?>> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The TOML section, empty for a top-level key (which an {@code [env.NAME]} section may also set). */
    public String section() {
        return section;
    }

    public String key() {
        return key;
    }

    /** {@code key} for a top-level setting, {@code section.key} otherwise. */
    public String name() {
        return section.isEmpty() ? key : section + "." + key;
    }

    public SettingType<T> type() {
        return type;
    }

    /** The default, or null when there is none (or it depends on the environment, see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as a user reads it; empty when there is none. */
    public String defaultText() {
        return defaultText != null ? defaultText : defaultValue == null ? "" : type.format(defaultValue);
    }

    public Optional<String> envVar() {
        return Optional.ofNullable(envVar);
    }

    /** The command-line option, e.g. {@code --lock-wait}; empty when the command line cannot set it. */
    public Optional<String> option() {
        return Optional.ofNullable(option);
    }

    /** The option's value label, e.g. {@code DURATION}; null for a flag. */
    public String paramLabel() {
        return paramLabel;
    }

    /** The commands that take the option; empty when every command does. */
    public List<String> commands() {
        return commands;
    }

    /** Whether a command takes this setting's option. */
    public boolean optionOf(String command) {
        return option != null && (commands.isEmpty() || commands.contains(command));
    }

    public String description() {
        return description;
    }

    /** Reads a value given as text or a plain TOML value; the error names the setting. */
    public T parse(Object value) {
        try {
            return type.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }

    private static <T> Definition<T> define(String section, String key, SettingType<T> type) {
        return new Definition<>(section, key, type);
    }

    private static Integer majorVersion(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 9) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a major version such as 15, not '" + text + "'");
    }

    private static String databaseId(String text) {
        String t = text.strip();
        if (!t.matches("\\d+/.+")) {
            throw new IllegalArgumentException("'" + text + "' is not a database identity; write the server's system "
                    + "identifier and the database name, e.g. \"7301234567890123456/shop\" (lockstep env pin writes it)");
        }
        return t;
    }

    private static String window(String text) {
        if (!text.matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("'" + text + "' is not a window; write e.g. \"09:00-18:00\"");
        }
        return text;
    }

    private static final class Definition<T> {
        final String section;
        final String key;
        final SettingType<T> type;
        T defaultValue;
        String defaultText;
        String envVar;
        String option;
        String paramLabel;
        List<String> commands = List.of();
        String description;

        Definition(String section, String key, SettingType<T> type) {
            this.section = section;
            this.key = key;
            this.type = type;
        }

        Definition<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        Definition<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        Definition<T> env(String var) {
            this.envVar = var;
            return this;
        }

        /** An option of every command ({@code commands} empty) or of the commands named; null label for a flag. */
        Definition<T> option(String name, String label, String... commands) {
            this.option = name;
            this.paramLabel = label;
            this.commands = List.of(commands);
            return this;
        }

        Definition<T> doc(String text) {
            this.description = text;
            return this;
        }

        Setting<T> add() {
            Setting<T> s = new Setting<>(this);
            ALL.add(s);
            return s;
        }
    }
}
