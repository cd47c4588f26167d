package dev.lockstep;

import java.util.Locale;

/**
 * How {@code deploy} runs.
 *
 * @param dryRun run only the read-only steps (preflight, plan, verify)
 * @param outsideWindowReason why running inside the denied deploy window is fine, or null
 * @param onFailure what to do when a step fails
 */
public record DeployOptions(boolean dryRun, String outsideWindowReason, OnFailure onFailure) {
    public static final DeployOptions DEFAULT = new DeployOptions(false, null, OnFailure.NONE);

    public DeployOptions {
        if (onFailure == null) {
            onFailure = OnFailure.NONE;
        }
    }

    /** What a failed deploy undoes. */
    public enum OnFailure {
        /** Stop and say what would undo the run. */
        NONE,
        /** Run the down scripts of the migrations this run applied. */
        ROLLBACK,
        /** Restore the backup this run took. */
        RESTORE;

        /** {@code none}, {@code rollback} or {@code restore}. */
        public static OnFailure parse(String text) {
            for (OnFailure f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not none, rollback or restore");
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeployOptions asDryRun() {
        return new DeployOptions(true, outsideWindowReason, onFailure);
    }

    public DeployOptions withOnFailure(OnFailure action) {
        return new DeployOptions(dryRun, outsideWindowReason, action);
    }

    public DeployOptions withOutsideWindowReason(String reason) {
        return new DeployOptions(dryRun, reason, onFailure);
    }
}
