package dev.lockstep;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;

/**
 * A restore that ran to the end, but whose database differs from the backup's catalog fingerprint:
 * the differences are in {@link #result()}.
 */
public final class RestoreMismatchException extends LockstepException {
    private final transient RestoreResult result;

    public RestoreMismatchException(RestoreResult result) {
        super(ErrorCode.RESTORE_MISMATCH, "the restored database " + result.database() + " differs from the backup of "
                + result.backupTakenAt() + " in " + result.differences().size() + " way(s): "
                + String.join("; ", result.differences().subList(0, Math.min(5, result.differences().size())))
                + (result.differences().size() > 5 ? "; ..." : ""),
                (result.previousDatabase() == null ? "" : "the database it replaced is kept as "
                        + result.previousDatabase() + "; ") + "compare them, and restore another backup if this one "
                        + "is not what you need");
        this.result = result;
    }

    public RestoreResult result() {
        return result;
    }
}
