package dev.lockstep;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How {@code deploy} runs.
 *
 * @param dryRun run only the read-only steps (preflight, plan, verify)
 * @param outsideWindowReason why running inside the denied deploy window is fine, or null
 * @param onFailure what to do when a step fails
 * @param phase the expand-and-contract phase to deploy (see {@link MigrateOptions#phase()}); null for the
 *              default, or with {@code plan}, the saved plan's phase
 * @param plan a plan saved by {@code --plan-out} to apply exactly, or null
 * @param planOut where to save this deploy's plan for review, or null
 */
public record DeployOptions(boolean dryRun, String outsideWindowReason, OnFailure onFailure, Phase phase, Path plan,
                            Path planOut) {
    public static final DeployOptions DEFAULT = new DeployOptions(false, null, OnFailure.NONE);

    public DeployOptions {
        if (onFailure == null) {
            onFailure = OnFailure.NONE;
        }
    }

    public DeployOptions(boolean dryRun, String outsideWindowReason, OnFailure onFailure) {
        this(dryRun, outsideWindowReason, onFailure, null, null, null);
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
        return new DeployOptions(true, outsideWindowReason, onFailure, phase, plan, planOut);
    }

    public DeployOptions withOnFailure(OnFailure action) {
        return new DeployOptions(dryRun, outsideWindowReason, action, phase, plan, planOut);
    }

    public DeployOptions withOutsideWindowReason(String reason) {
        return new DeployOptions(dryRun, reason, onFailure, phase, plan, planOut);
    }

    public DeployOptions withPhase(Phase p) {
        return new DeployOptions(dryRun, outsideWindowReason, onFailure, p, plan, planOut);
    }

    /** Applies exactly this saved plan, refusing when a plan made now differs. */
    public DeployOptions withPlan(Path file) {
        return new DeployOptions(dryRun, outsideWindowReason, onFailure, phase, file, planOut);
    }

    /** Saves the plan for review. */
    public DeployOptions withPlanOut(Path file) {
        return new DeployOptions(dryRun, outsideWindowReason, onFailure, phase, plan, file);
    }
}
