package dev.lockstep.error;

import java.util.Objects;

/**
 * The one exception Lockstep throws for a failure a user can act on. The message says what happened
 * with the values involved; the hint says what to do next.
 */
public class LockstepException extends RuntimeException {
    private final ErrorCode code;
    private final String hint;

    public LockstepException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    public LockstepException(ErrorCode code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.hint = hint;
    }

    public ErrorCode code() {
        return code;
    }

    /** What to do next; may be null when there is nothing useful to add. */
    public String hint() {
        return hint;
    }

    public int exitCode() {
        return code.exitCode();
    }
}
