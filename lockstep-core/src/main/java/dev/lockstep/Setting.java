package dev.lockstep;

import java.util.Arrays;
import java.util.Optional;

/**
 * The one registry of every setting: its key in {@code lockstep.toml} (also the CLI option without
 * the dashes), the environment variable that sets it, its default and what it means. The TOML reader,
 * the environment reader and the settings reference page (docs/settings.md) all come from here.
 */
public enum Setting {
    URL("url", "DATABASE_URL", null,
            "Database to migrate: postgres://user:pass@host:5432/db?sslmode=require or jdbc:postgresql://... "
                    + "Without it: PG* variables, else the embedded server."),
    URL_ENV("url-env", null, null,
            "Name of an environment variable that holds the URL (lockstep.toml only), e.g. PROD_DATABASE_URL."),
    DIR("dir", "LOCKSTEP_DIR", null,
            "Migrations directory. Default: migrations/, else the first that exists of db/migrations, db/migration, "
                    + "src/main/resources/db/migration, supabase/migrations, schema."),
    HISTORY_SCHEMA("history-schema", "LOCKSTEP_HISTORY_SCHEMA", "lockstep",
            "Schema of the history table lockstep_history; created on first use."),
    LOCK_WAIT("lock-wait", "LOCKSTEP_LOCK_WAIT", "60s",
            "How long to wait for another runner's migration lock before giving up with exit 4."),
    LOCK_TIMEOUT("lock-timeout", "LOCKSTEP_LOCK_TIMEOUT", "1s",
            "lock_timeout for each migration statement; a migration may override it with -- lockstep:lock-timeout."),
    LOCK_RETRIES("lock-retries", "LOCKSTEP_LOCK_RETRIES", "5",
            "How many times a migration whose lock timed out (SQLSTATE 55P03) is retried, with backoff and jitter."),
    BLOCKER_WAIT("blocker-wait", "LOCKSTEP_BLOCKER_WAIT", "60s",
            "How long a migration waits, in all, for sessions in its tables' way (and retries lock timeouts) "
                    + "before it gives up with exit 4 and a report of who blocked."),
    CANCEL_BLOCKERS("cancel-blockers", "LOCKSTEP_CANCEL_BLOCKERS", "off",
            "off, idle-in-transaction or all: cancel the sessions in a migration's way (protected environments "
                    + "ask first)."),
    DDL_STATEMENT_TIMEOUT("ddl-statement-timeout", "LOCKSTEP_DDL_STATEMENT_TIMEOUT", "60s",
            "statement_timeout for statements that hold a write-blocking lock; CONCURRENTLY builds and VALIDATE "
                    + "run without a limit. On PostgreSQL 17+, plus lock-timeout, also the transaction_timeout of a "
                    + "migration transaction that takes such a lock."),
    IDLE_IN_TRANSACTION_TIMEOUT("idle-in-transaction-timeout", "LOCKSTEP_IDLE_IN_TRANSACTION_TIMEOUT", "60s",
            "idle_in_transaction_session_timeout of the migration's session: a stopped runner never holds locks "
                    + "longer."),
    MAX_REPLICATION_LAG("max-replication-lag", "LOCKSTEP_MAX_REPLICATION_LAG", "30s",
            "A batched backfill (-- lockstep:batch) pauses while a replica's replay lag is above this."),
    BACKUP_DIR("backup-dir", "LOCKSTEP_BACKUP_DIR", "backups",
            "Where backup writes pg_dump files and their manifests, relative to the working directory."),
    BACKUP_KEEP("backup-keep", "LOCKSTEP_BACKUP_KEEP", "0",
            "How many backups of an environment to keep; older ones are deleted after a backup (0 keeps all)."),
    BACKUP_PROVIDER("backup-provider", "LOCKSTEP_BACKUP_PROVIDER", "pg_dump",
            "pg_dump (a dump file and manifest), command (runs backup-command, e.g. a managed snapshot) or template "
                    + "(CREATE DATABASE ... TEMPLATE: a copy on the same server, for local and embedded databases)."),
    BACKUP_COMMAND("backup-command", "LOCKSTEP_BACKUP_COMMAND", null,
            "The shell command of the command provider; it gets LOCKSTEP_BACKUP_NAME, PGHOST, PGPORT, PGDATABASE, "
                    + "PGUSER and PGPASSWORD, and its last output line is recorded as the backup's location."),
    AUDIT_TABLE("audit-table", "LOCKSTEP_AUDIT_TABLE", "false",
            "Also append deploy's audit entries to the table lockstep_audit in the history schema (never on a dry run)."),
    PG_BIN("pg-bin", "LOCKSTEP_PG_BIN", null,
            "Directory of pg_dump and pg_restore, the only place looked at when set; default: the newest "
                    + "on the PATH and in the usual install directories."),
    CONNECT_TIMEOUT("connect-timeout", "LOCKSTEP_CONNECT_TIMEOUT", "10s",
            "How long to wait for the database to accept a connection."),
    OUT_OF_ORDER("out-of-order", "LOCKSTEP_OUT_OF_ORDER", "false",
            "Apply a pending migration whose version is below the highest applied one instead of refusing."),
    PROTECTED("protected", null, "false",
            "Marks an environment (an [env.NAME] section) as protected: destructive commands need confirmation."),
    EMBEDDED_DIR("embedded-dir", "LOCKSTEP_EMBEDDED_DIR", ".lockstep",
            "Where the embedded PostgreSQL keeps its data and state, relative to the working directory.");

    /** Which settings also have a command-line option, and on which commands. */
    private static final java.util.Map<String, String> OPTIONS = java.util.Map.ofEntries(
            java.util.Map.entry("URL", "--url (every command)"),
            java.util.Map.entry("DIR", "--dir (every command)"),
            java.util.Map.entry("HISTORY_SCHEMA", "--history-schema (every command)"),
            java.util.Map.entry("LOCK_WAIT", "--lock-wait (every command)"),
            java.util.Map.entry("LOCK_TIMEOUT", "--lock-timeout (every command)"),
            java.util.Map.entry("CONNECT_TIMEOUT", "--connect-timeout (every command)"),
            java.util.Map.entry("OUT_OF_ORDER", "--out-of-order (migrate)"),
            java.util.Map.entry("BLOCKER_WAIT", "--blocker-wait (migrate)"),
            java.util.Map.entry("CANCEL_BLOCKERS", "--cancel-blockers (migrate)"),
            java.util.Map.entry("DDL_STATEMENT_TIMEOUT", "--ddl-statement-timeout (migrate)"),
            java.util.Map.entry("BACKUP_DIR", "--backup-dir (backup)"));

    private final String key;
    private final String envVar;
    private final String defaultValue;
    private final String description;

    Setting(String key, String envVar, String defaultValue, String description) {
        this.key = key;
        this.envVar = envVar;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The environment variable that sets it; empty when only the file or the command line can. */
    public Optional<String> envVar() {
        return Optional.ofNullable(envVar);
    }

    /** The default as text; empty when there is none. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The command-line option and the commands that take it, e.g. {@code --out-of-order (migrate)}; empty when none. */
    public Optional<String> option() {
        return Optional.ofNullable(OPTIONS.get(name()));
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
