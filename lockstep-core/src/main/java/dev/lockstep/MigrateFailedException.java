package dev.lockstep;

import dev.lockstep.error.LockstepException;

/**
 * A {@code migrate} or {@code rollback} that stopped at a failed migration: the failure (its code,
 * message and hint unchanged), with what the run had done before it, so that the run can be undone
 * exactly.
 */
public final class MigrateFailedException extends LockstepException {
    private final transient MigrateResult partial;
    private final transient FailedMigration failed;

    /**
     * @param partial the run up to the failure: {@code executed} lists the migrations it completed,
     *                {@code versionAfter} the version it left
     * @param failed the migration that failed, or null when the failure came after a migration completed
     *               (its verify script)
     */
    public MigrateFailedException(LockstepException cause, MigrateResult partial, FailedMigration failed) {
        super(cause.code(), cause.getMessage(), cause.hint(), cause);
        this.partial = partial;
        this.failed = failed;
    }

    public MigrateResult partial() {
        return partial;
    }

    public FailedMigration failed() {
        return failed;
    }

    /** The migrations this run completed, in order, before the failure; empty when it failed at the first. */
    public java.util.List<AppliedMigration> executed() {
        return partial == null ? java.util.List.of() : partial.executed();
    }
}
