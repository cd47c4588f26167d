package dev.lockstep;

import dev.lockstep.error.LockstepException;
import java.util.List;

/**
 * A {@code migrate} or {@code rollback} run that stopped with an error after it had started running
 * migrations: the error itself (same code, message and hint, so the exit code is the error's), with
 * the migrations the run completed before it. Those stay applied and recorded in the history.
 */
public final class MigrateFailedException extends LockstepException {
    private final transient List<AppliedMigration> executed;

    public MigrateFailedException(LockstepException cause, List<AppliedMigration> executed) {
        super(cause.code(), cause.getMessage(), cause.hint(), cause);
        this.executed = List.copyOf(executed);
    }

    /** The migrations this run completed, in order, before the failure; empty when it failed at the first. */
    public List<AppliedMigration> executed() {
        return executed;
    }
}
