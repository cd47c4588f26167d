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
                hint(cause, result), cause);
        this.result = result;
    }

    /** The failure's own hint, or after an undo what it did; then what would still undo the run. */
    private static String hint(LockstepException cause, DeployResult result) {
        DeployResult.Undo undo = result.undo();
        String first = undo == null || undo.outcome().equals("nothing to undo") ? cause.hint()
                : "--on-failure " + undo.action() + " " + undo.outcome() + ": " + undo.detail()
                + (undo.outcome().equals("done") ? "; fix the cause and deploy again" : "");
        String advice = result.rollbackOptions().isEmpty() ? null
                : "to undo: " + String.join(" or ", result.rollbackOptions());
        if (first == null) {
            return advice;
        }
        return advice == null ? first : first + "; " + advice;
    }

    public DeployResult result() {
        return result;
    }
}
