package dev.lockstep;

import java.util.List;

/**
 * What {@code deploy} did, step by step.
 *
 * @param outcome {@code success}, {@code failure} or {@code dry-run}
 * @param failedStep the step that failed, or null
 * @param migrate what the migrate step applied, also when it failed part-way (then up to the failure)
 * @param rollbackOptions what would still undo the run, as commands (empty when nothing is left to undo)
 * @param report the JSON report's path; the HTML report is beside it
 * @param review the plan as reviewed: down plan, lint verdicts and hash (null when the review step did not run)
 * @param hooks the {@code [hooks]} commands that ran, in order
 * @param watch what {@code --watch} sampled, or null when the deploy did not watch
 * @param failedMigration the migration whose script failed, with what of it stays applied, or null
 * @param undo what the undo step did ({@code --on-failure}), or null when it did not run
 */
public record DeployResult(String runId, String environment, String database, boolean dryRun, String outcome,
                           String failedStep, String error, List<Step> steps, PreflightReport preflight,
                           BackupManifest backup, MigrateResult plan, MigrateResult migrate, VerifyReport verify,
                           List<String> rollbackOptions, String report, DeployPlan review, List<HookResult> hooks,
                           WatchReport watch, FailedMigration failedMigration, Undo undo) {

    /** @param outcome {@code ok}, {@code failed}, {@code warning}, {@code skipped} */
    public record Step(String name, String outcome, String startedAt, long durationMs, String detail) {
    }

    /**
     * What {@code --on-failure} undid.
     *
     * @param action {@code rollback} or {@code restore}
     * @param outcome {@code done}, {@code failed} or {@code nothing to undo}
     * @param undone the migrations rolled back, newest first (also those rolled back before a failure)
     * @param restore the restore's result (also when it found differences), or null
     * @param detail one line for people
     */
    public record Undo(String action, String outcome, List<AppliedMigration> undone, RestoreResult restore,
                       String detail) {
        public Undo {
            undone = List.copyOf(undone);
        }
    }
}
