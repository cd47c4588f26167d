package dev.lockstep;

import java.util.List;

/**
 * What {@code deploy} did, step by step.
 *
 * @param outcome {@code success}, {@code failure} or {@code dry-run}
 * @param failedStep the step that failed, or null
 * @param rollbackOptions what can undo the run (down scripts, the backup), as commands
 * @param report the JSON report's path; the HTML report is beside it
 * @param review the plan as reviewed: down plan, lint verdicts and hash (null when the review step did not run)
 * @param hooks the {@code [hooks]} commands that ran, in order
 * @param watch what {@code --watch} sampled, or null when the deploy did not watch
 */
public record DeployResult(String runId, String environment, String database, boolean dryRun, String outcome,
                           String failedStep, String error, List<Step> steps, PreflightReport preflight,
                           BackupManifest backup, MigrateResult plan, MigrateResult migrate, VerifyReport verify,
                           List<String> rollbackOptions, String report, DeployPlan review, List<HookResult> hooks,
                           WatchReport watch) {

    /** @param outcome {@code ok}, {@code failed}, {@code warning}, {@code skipped} */
    public record Step(String name, String outcome, String startedAt, long durationMs, String detail) {
    }
}
