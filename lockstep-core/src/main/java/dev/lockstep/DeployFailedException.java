package dev.lockstep;

import dev.lockstep.error.LockstepException;

/**
 * A deploy that failed: the failed step's error (its code decides the exit code), with the whole
 * {@link DeployResult} for the report and the ways to undo the run.
 */
public final class DeployFailedException extends LockstepException {
    private final transient DeployResult result;

    public DeployFailedException(LockstepException cause, DeployResult result) {
        super(cause.code(), "deploy failed at step " + result.failedStep() + ": " + cause.getMessage(),
                cause.hint() + (result.rollbackOptions().isEmpty() ? "" : "; to undo: "
                        + String.join(" or ", result.rollbackOptions())), cause);
        this.result = result;
    }

    public DeployResult result() {
        return result;
    }
}
