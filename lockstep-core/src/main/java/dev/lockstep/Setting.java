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
            .option("--url", "URL").doc("The database: postgres://user:pass@host:5432/db?sslmode=require or "
                    + "jdbc:postgresql://... Without it: DATABASE_URL, then lockstep.toml (url or url-env; an --env "
                    + "section's own wins over DATABASE_URL), then the PG* variables, else the embedded server.").add();
    public static final Setting<String> URL_ENV = define("", "url-env", SettingType.STRING)
            .doc("Name of an environment variable that holds the URL (lockstep.toml only), e.g. PROD_DATABASE_URL.").add();
    public static final Setting<Duration> CONNECT_TIMEOUT = define("", "connect-timeout", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(10)).env("LOCKSTEP_CONNECT_TIMEOUT").option("--connect-timeout", "DURATION")
            .doc("How long to wait for the database to accept a connection.").add();
    public static final Setting<Boolean> PROTECTED = define("", "protected", SettingType.BOOLEAN).defaultValue(false)
            .doc("Marks an environment (an [env.NAME] section) as protected: destructive commands need "
                    + "confirmation.").add();
    public static final Setting<Integer> APPROVALS = define("", "approvals", SettingType.COUNT).defaultValue(0)
            .doc("How many people other than the deployer must approve a saved deploy plan (lockstep approve "
                    + "PLAN) before deploy --plan applies it; above 0, deploy refuses to run without a reviewed "
                    + "plan. Set it in an [env.NAME] section.").add();
    public static final Setting<String> DATABASE_ID = define("", "database-id", SettingType.DATABASE_ID).env("LOCKSTEP_DATABASE_ID")
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
    public static final Setting<List<String>> IGNORE = define("", "ignore", SettingType.STRINGS)
            .defaultValue(List.of()).env("LOCKSTEP_IGNORE")
            .doc("Globs of files in the migrations directory that are not migrations, e.g. [\"validation.sql\", "
                    + "\"seed/*\"]: skipped silently (also in directories named to lint). Other .sql files whose "
                    + "names are not migration names are skipped with a notice.").add();
    public static final Setting<String> HISTORY_SCHEMA = define("", "history-schema", SettingType.STRING)
            .defaultValue("lockstep").env("LOCKSTEP_HISTORY_SCHEMA").option("--history-schema", "SCHEMA")
            .doc("Schema of the history table lockstep_history; created on first use.").add();
    public static final Setting<String> KEEP_HISTORY = define("", "keep-history", SettingType.STRING)
            .env("LOCKSTEP_KEEP_HISTORY")
            .doc("Also write another tool's history table after each migration and rollback, as that tool would, "
                    + "while applications still read it: alembic, golang-migrate, supabase, dbmate, diesel or "
                    + "schema_migrations.").add();
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
    public static final Setting<Integer> LINT_GATE_MIN_ROWS = define("", "lint-gate-min-rows", SettingType.COUNT)
            .defaultValue(10_000).env("LOCKSTEP_LINT_GATE_MIN_ROWS")
            .doc("A lint error on a table with fewer rows than this (the planner's estimate) and smaller than "
                    + "lint-gate-min-size is reported but does not stop migrate: locking a small table blocks "
                    + "nobody for long.").add();
    public static final Setting<Long> LINT_GATE_MIN_SIZE = define("", "lint-gate-min-size", SettingType.SIZE)
            .defaultValue(1024L * 1024)
            .env("LOCKSTEP_LINT_GATE_MIN_SIZE")
            .doc("With lint-gate-min-rows: a table at least this big on disk (pg_table_size, TOAST included) "
                    + "is big enough for its lint errors to stop migrate.").add();
    public static final Setting<String> LINT_START_AFTER = define("", "lint-start-after", SettingType.STRING)
            .env("LOCKSTEP_LINT_START_AFTER").option("--lint-start-after", "VERSION", "migrate", "deploy", "lint")
            .doc("Lint errors in migrations up to and including this version are reported but never stop "
                    + "migrate: history written before the project adopted Lockstep.").add();

    // Expand and contract.
    public static final Setting<String> CONTRACT_REQUIRES = define("", "contract-requires", SettingType.STRING)
            .env("LOCKSTEP_CONTRACT_REQUIRES")
            .doc("What must pass before migrate --phase contract applies contract migrations: an http:// or "
                    + "https:// URL that must answer 200 (e.g. an endpoint saying every instance runs the new "
                    + "release), or a shell command that must exit 0.").add();
    public static final Setting<Duration> CONTRACT_TIMEOUT = define("", "contract-timeout", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30)).env("LOCKSTEP_CONTRACT_TIMEOUT")
            .doc("How long the contract-requires check may take before it counts as failed.").add();

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
            .doc("All a migration (each statement, when run one by one) may wait for its locks: for sessions in its "
                    + "way, each lock-timeout and the pauses between lock-retries; once spent with a session still in the "
                    + "way it gives up (exit 4) without queueing behind it. Not a bound on the whole run.").add();
    public static final Setting<CancelBlockers> CANCEL_BLOCKERS = define("", "cancel-blockers",
            SettingType.words(CancelBlockers.class, CancelBlockers.values())).defaultValue(CancelBlockers.OFF).env("LOCKSTEP_CANCEL_BLOCKERS")
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
    public static final Setting<String> RESTORE_COMMAND = define("", "restore-command", SettingType.STRING)
            .env("LOCKSTEP_RESTORE_COMMAND")
            .doc("The shell command that restores a backup of the command provider; it gets the variables of "
                    + "backup-command, LOCKSTEP_BACKUP_LOCATION (what backup-command printed last) and "
                    + "LOCKSTEP_RESTORE_DATABASE (the target's database, or the --to-new one). Unset: command backups "
                    + "are restored with the tools that made them.").add();
    public static final Setting<Path> PG_BIN = define("", "pg-bin", SettingType.PATH).env("LOCKSTEP_PG_BIN")
            .doc("Directory of pg_dump and pg_restore, the only place looked at when set; default: the newest on "
                    + "the PATH and in the usual install directories.").add();
    public static final Setting<Boolean> AUDIT_TABLE = define("", "audit-table", SettingType.BOOLEAN)
            .defaultValue(false).env("LOCKSTEP_AUDIT_TABLE")
            .doc("Also append deploy's audit entries to the table lockstep_audit in the history schema (never on "
                    + "a dry run).").add();

    // The schema: its snapshot, drift, rehearsals, and environments that must go first.
    public static final Setting<Path> SNAPSHOT_FILE = define("", "snapshot-file", SettingType.PATH)
            .env("LOCKSTEP_SNAPSHOT_FILE").option("--snapshot-file", "FILE", "migrate", "rollback", "drift", "snapshot")
            .doc("The schema snapshot to keep, e.g. schema.snapshot: migrate and rollback rewrite it after a change, "
                    + "snapshot writes it when no --out is given, drift compares the database with it.").add();
    public static final Setting<String> SCRATCH_URL = define("", "scratch-url", SettingType.STRING)
            .env("LOCKSTEP_SCRATCH_URL").option("--scratch-url", "URL", "drift", "rehearse", "baseline")
            .defaultText("the embedded server")
            .doc("A server on which drift, rehearse and baseline --detect create (and drop) throwaway databases; "
                    + "its user needs CREATEDB. Best the same major version as the target.").add();
    public static final Setting<String> REQUIRES = define("", "requires", SettingType.STRING)
            .doc("In an [env.NAME] section: another environment that must be ahead, e.g. requires = \"staging\": "
                    + "preflight (and so deploy) fails unless every pending migration was deployed there with the "
                    + "same checksum and its verify step passed (needs audit-table there).").add();
    public static final Setting<String> SKIP_REQUIRES_REASON = define("", "skip-requires-reason", SettingType.STRING)
            .option("--skip-requires-reason", "TEXT", "deploy", "preflight")
            .doc("Why deploying without the required environment ahead is fine: the requires check becomes a "
                    + "warning, and the reason is recorded in the audit log and report.").add();

    // [lint]
    public static final Setting<Integer> LINT_PG_VERSION = define("lint", "pg-version", SettingType.MAJOR_VERSION).option("--pg-version", "N", "lint")
            .defaultText("the server's, else 15")
            .doc("PostgreSQL major version the lint rules assume; default: the server's when a database is "
                    + "configured, else 15.").add();
    public static final Setting<List<String>> LINT_DISABLE = define("lint", "disable", SettingType.STRINGS)
            .defaultValue(List.of()).doc("Lint rules that are not run, e.g. [\"prefer-text-field\"].").add();
    public static final Setting<List<String>> LINT_ENABLE = define("lint", "enable", SettingType.STRINGS)
            .defaultValue(List.of()).doc("Rules that are off unless enabled, e.g. [\"require-down\"].").add();
    public static final Setting<Map<String, dev.lockstep.lint.Severity>> LINT_SEVERITY = define("lint", "severity",
            SettingType.SEVERITIES).defaultValue(Map.of())
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
    public static final Setting<String> DENY_WINDOW = define("preflight", "deny", SettingType.WINDOW).doc("A time window in which migrations are refused, e.g. \"09:00-18:00\", "
                    + "unless a reason is given.").add();
    public static final Setting<ZoneId> TIME_ZONE = define("preflight", "time-zone", SettingType.TIME_ZONE)
            .defaultValue(ZoneId.ofOffset("UTC", java.time.ZoneOffset.UTC)).doc("Time zone of the deny window.").add();
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
            SettingType.HTTP_CHECKS).defaultValue(List.of())
            .doc("[[verify.http]]: url, expect (200), timeout (10s): an HTTP GET that must answer with expect.")
            .add();
    public static final Setting<List<VerifyCheck.Command>> VERIFY_COMMAND = define("verify", "command",
            SettingType.COMMAND_CHECKS).defaultValue(List.of())
            .doc("[[verify.command]]: run, timeout (60s): a shell command that must exit 0.").add();
    public static final Setting<List<VerifyCheck.Rls>> VERIFY_RLS = define("verify", "rls",
            SettingType.RLS_CHECKS)
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

    // [serve]
    public static final Setting<Integer> SERVE_PORT = define("serve", "port", SettingType.PORT).defaultValue(8080).env("LOCKSTEP_SERVE_PORT")
            .option("--port", "PORT", "serve").doc("Port of lockstep serve's /readyz, /healthz and /metrics (0: any "
                    + "free port, printed at start).").add();
    public static final Setting<String> SERVE_BIND = define("serve", "bind", SettingType.STRING)
            .defaultValue("127.0.0.1").env("LOCKSTEP_SERVE_BIND").option("--bind", "ADDRESS", "serve")
            .doc("Address lockstep serve listens on; only this address answers (0.0.0.0 for every interface, e.g. "
                    + "in a container).").add();
    public static final Setting<Duration> SERVE_CACHE = define("serve", "cache", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(5)).env("LOCKSTEP_SERVE_CACHE").option("--cache", "DURATION", "serve")
            .doc("How long a readiness answer (migration files and history read once) is reused by /readyz, "
                    + "/metrics and the Spring Boot readiness indicator.").add();

    // [hooks]
    public static final Setting<List<HookCommand>> HOOK_BEFORE_DEPLOY = hook("before-deploy", "before preflight, "
            + "before anything else");
    public static final Setting<List<HookCommand>> HOOK_AFTER_BACKUP = hook("after-backup", "after the backup");
    public static final Setting<List<HookCommand>> HOOK_BEFORE_MIGRATE = hook("before-migrate", "right before the "
            + "migrations (e.g. maintenance mode on, scale the app down)");
    public static final Setting<List<HookCommand>> HOOK_AFTER_MIGRATE = hook("after-migrate", "right after the "
            + "migrations, before verify (e.g. maintenance mode off, scale the app up)");
    public static final Setting<List<HookCommand>> HOOK_AFTER_VERIFY = hook("after-verify", "after verify (e.g. purge "
            + "a cache)");
    public static final Setting<List<HookCommand>> HOOK_ON_FAILURE = hook("on-failure", "after a step failed, before "
            + "the undo");
    public static final Setting<List<HookCommand>> HOOK_AFTER_UNDO = hook("after-undo", "after --on-failure's undo ran");
    public static final Setting<Duration> HOOK_TIMEOUT = define("hooks", "timeout", SettingType.POSITIVE_DURATION)
            .defaultValue(Duration.ofMinutes(5)).doc("How long a hook command may run before it is killed and counts "
                    + "as failed; a hook's own timeout overrides it.").add();
    public static final Setting<Path> HOOK_DIR = define("hooks", "dir", SettingType.PATH).defaultValue(Path.of("."))
            .doc("Working directory of hook commands, relative to the working directory; a hook's own dir overrides "
                    + "it.").add();
    public static final Setting<HookFailure> HOOK_FAILURE = define("hooks", "hook-failure",
            SettingType.words(HookFailure.class, HookFailure.values())).defaultValue(HookFailure.FAIL).env("LOCKSTEP_HOOK_FAILURE")
            .option("--hook-failure", "MODE", "deploy")
            .doc("What a failing after-backup, after-migrate or after-verify hook does: fail (the deploy fails "
                    + "there, and --on-failure undoes it) or warn (reported, the deploy goes on). A failing "
                    + "before-hook always stops the deploy before anything changes.").add();

    // [watch]
    public static final Setting<Duration> WATCH_WINDOW = define("watch", "window", SettingType.DURATION)
            .defaultValue(Duration.ZERO).env("LOCKSTEP_WATCH").option("--watch", "DURATION", "deploy")
            .doc("How long deploy watches the database after the migration (0: not at all); a broken threshold "
                    + "fails the deploy.").add();
    public static final Setting<Duration> WATCH_INTERVAL = define("watch", "interval", SettingType.POSITIVE_DURATION)
            .defaultValue(Duration.ofSeconds(10)).env("LOCKSTEP_WATCH_INTERVAL")
            .option("--watch-interval", "DURATION", "deploy").doc("Time between two samples.").add();
    public static final Setting<Duration> WATCH_BASELINE = define("watch", "baseline", SettingType.DURATION)
            .defaultValue(Duration.ofSeconds(30)).doc("How long the database is sampled before the migration, as "
                    + "the baseline (at least two samples are taken).").add();
    public static final Setting<Double> WATCH_MAX_ROLLBACK_RATE = define("watch", "max-rollback-rate",
            SettingType.RATE)
            .doc("Transactions rolled back per second (pg_stat_database, this database) above which the watch "
                    + "fails; measured over at least a second.").add();
    public static final Setting<Integer> WATCH_MAX_DEADLOCKS = define("watch", "max-deadlocks", SettingType.COUNT)
            .doc("Deadlocks since the migration (pg_stat_database) above which the watch fails.").add();
    public static final Setting<Integer> WATCH_MAX_LOCK_WAITERS = define("watch", "max-lock-waiters", SettingType.COUNT)
            .doc("Sessions waiting for a lock (pg_stat_activity) above which the watch fails.").add();
    public static final Setting<Duration> WATCH_MAX_REPLICATION_LAG = define("watch", "max-replication-lag",
            SettingType.DURATION).doc("A replica's replay lag (pg_stat_replication) above which the watch fails.")
            .add();
    public static final Setting<Double> WATCH_MAX_LATENCY_REGRESSION = define("watch", "max-latency-regression",
            SettingType.PERCENT)
            .doc("How much slower than in the baseline a top statement's mean time may get since the migration "
                    + "(pg_stat_statements, when installed), e.g. \"20%\".").add();
    public static final Setting<Integer> WATCH_TOP_STATEMENTS = define("watch", "top-statements", SettingType.COUNT)
            .defaultValue(5).doc("How many statements of pg_stat_statements are watched: those that took the most "
                    + "time during the baseline.").add();
    public static final Setting<Integer> WATCH_MIN_CALLS = define("watch", "min-calls", SettingType.COUNT)
            .defaultValue(20).doc("Calls a statement needs in the baseline, and again since the migration, before "
                    + "its times are compared.").add();
    public static final Setting<Integer> WATCH_BREACH_SAMPLES = define("watch", "breach-samples", SettingType.COUNT)
            .defaultValue(2).doc("Consecutive samples a threshold must be broken in before the watch fails.").add();
    public static final Setting<List<VerifyCheck.Http>> WATCH_HTTP = define("watch", "http",
            SettingType.WATCH_HTTP_CHECKS).defaultValue(List.of())
            .doc("[[watch.http]]: url, expect (200), timeout (10s): a health URL requested at every sample; a "
                    + "wrong answer counts as a broken threshold.").add();
    public static final Setting<List<VerifyCheck.Command>> WATCH_COMMAND = define("watch", "command",
            SettingType.WATCH_COMMAND_CHECKS).defaultValue(List.of())
            .doc("[[watch.command]]: run, timeout (60s): a shell check run at every sample; an exit other than 0 "
                    + "counts as a broken threshold.").add();

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
        for (Setting<?> s : ALL) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
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

    private static Setting<List<HookCommand>> hook(String key, String when) {
        return define("hooks", key, SettingType.HOOKS).defaultValue(List.of())
                .doc("Shell commands run " + when + ", in order, with the run's LOCKSTEP_* variables.").add();
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
