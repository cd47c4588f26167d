package dev.lockstep.error;

/**
 * Every way a Lockstep operation can end badly, with the process exit code it maps to and the anchor
 * of its entry in {@code docs/error-codes.md}.
 */
public enum ErrorCode {
    MIGRATION_FAILED(1, "a migration statement failed"),
    USAGE(2, "the command line or configuration is invalid"),
    CONFIG(2, "the configuration file or environment is invalid"),
    CONNECTION(2, "the database cannot be reached or refused the login"),
    SQL_SYNTAX(2, "a migration file cannot be read as SQL"),
    MIGRATION_FILES(2, "the migration files cannot be loaded"),
    BACKUP(2, "a backup could not be taken, or a dump cannot be restored as asked"),
    PLAN_FILE(2, "a saved deploy plan file cannot be read"),
    BLOCKED(3, "blocked by a lint finding, a preflight check or a policy"),
    APPROVALS_MISSING(3, "a deploy plan lacks the approvals its environment needs"),
    CONTRACT_NOT_READY(3, "the contract phase cannot start yet"),
    WRONG_DATABASE(3, "the database is not the one the environment's database-id names"),
    LOCK_TIMEOUT(4, "another runner holds the migration lock"),
    DDL_LOCK_TIMEOUT(4, "a statement could not get its table lock in time"),
    STATEMENT_TIMEOUT(4, "a statement holding a write-blocking lock ran longer than its statement timeout"),
    SERVER_UNAVAILABLE(4, "the server did not accept connections in time (wait)"),
    REPLICA_BEHIND(4, "a replica did not replay the run's changes within replica-catch-up"),
    VALIDATION(5, "applied history and migration files disagree"),
    PLAN_CHANGED(5, "a saved deploy plan no longer matches what a deploy would do"),
    ROLLBACK_UNAVAILABLE(5, "a migration to roll back has no down script"),
    RESUME_REFUSED(5, "a partially applied migration changed and cannot be resumed"),
    DRIFT(5, "the live schema differs from what its migrations produce, or from the snapshot file"),
    REHEARSAL(5, "a rehearsal of the pending migrations found a problem"),
    HEADS(5, "migrations were added on parallel branches and their order is not resolved"),
    RESTORE_MISMATCH(5, "the restored database differs from the backup's catalog fingerprint"),
    PENDING(6, "migrations are pending (status --exit-code)"),
    EMBEDDED(70, "the embedded PostgreSQL server could not be started or stopped"),
    INTERNAL(70, "an internal error");

    private final int exitCode;
    private final String summary;

    ErrorCode(int exitCode, String summary) {
        this.exitCode = exitCode;
        this.summary = summary;
    }

    public int exitCode() {
        return exitCode;
    }

    public String summary() {
        return summary;
    }

    /** The anchor of this code's entry in docs/error-codes.md, e.g. {@code #lock_timeout}. */
    public String docsAnchor() {
        return "docs/error-codes.md#" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
