package dev.lockstep.internal.runbook;

import dev.lockstep.DeployPlan;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.Phase;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.util.List;

/**
 * The deploy's plan, made before anything changes: what would run and what would undo it, with its hash.
 * With {@code --plan} it must be the saved plan exactly (exit 5 naming what changed) and, where the
 * environment asks for approvals, approved by enough people other than the deployer (exit 3); with
 * {@code --plan-out} it is saved for review. Read-only: it also runs in a dry run.
 */
final class ReviewStep implements Step {
    @Override
    public String name() {
        return "review";
    }

    @Override
    public When when() {
        return When.UNTIL_FAILURE;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public String run(DeployRun run) {
        Path planFile = run.options.plan();
        DeployPlan saved = planFile == null ? null
                : PlanFile.read(run.config().workDir().resolve(planFile), planFile.toString());
        Phase phase = run.options.phase() != null || saved == null || saved.inputs().phase() == null
                ? run.options.phase() : Phase.parse(saved.inputs().phase());
        DeployPlan now = run.ops.reviewPlan(phase, run.user);
        StringBuilder detail = new StringBuilder();
        if (saved != null) {
            PlanFile.requireSame(saved, now, planFile.toString(), "the deploy");
            // The saved plan's own record (who made it, when) is what was reviewed.
            run.reviewed = saved;
            detail.append("matches ").append(planFile).append(" (").append(saved.shortHash()).append(")");
            approvals(run, saved, planFile.toString(), detail);
        } else {
            run.reviewed = now;
            int needed = run.config().get(Setting.APPROVALS);
            if (needed > 0 && !run.options.dryRun()) {
                String env = run.config().environment();
                String flag = env == null ? "" : " --env " + env;
                throw new LockstepException(ErrorCode.APPROVALS_MISSING, (env == null ? "this target" : "environment '"
                        + env + "'") + " needs " + needed + " approval(s) of a saved plan, and this deploy has none "
                        + "(no --plan); nothing was done", "save the plan with 'lockstep deploy" + flag
                        + " --dry-run --plan-out plan.json', have it approved with 'lockstep approve plan.json" + flag
                        + "', then run 'lockstep deploy" + flag + " --plan plan.json'");
            }
            detail.append("plan ").append(now.shortHash()).append(": ").append(now.migrations().size())
                    .append(" migration(s)");
        }
        if (run.options.planOut() != null) {
            PlanFile.write(run.config().workDir().resolve(run.options.planOut()), run.reviewed);
            detail.append(", saved to ").append(run.options.planOut());
        }
        return detail.toString();
    }

    private static void approvals(DeployRun run, DeployPlan saved, String planFile, StringBuilder detail) {
        int needed = run.config().get(Setting.APPROVALS);
        if (run.options.dryRun()) {
            List<String> approvers = Approvals.approvers(run.config(), RunListener.NONE, saved.hash()).stream()
                    .filter(u -> !u.equals(run.user)).toList();
            detail.append(", approved by ").append(approvers.isEmpty() ? "nobody" : String.join(", ", approvers));
            if (approvers.size() < needed) {
                detail.append(" (").append(needed).append(" needed: a deploy would be refused)");
            }
            return;
        }
        List<String> approvers = Approvals.require(run.config(), RunListener.NONE, saved.hash(), saved.shortHash(),
                run.user, planFile);
        if (!approvers.isEmpty()) {
            detail.append(", approved by ").append(String.join(", ", approvers));
        }
    }

    /** The plan step's view of the reviewed plan: {@code migrate --dry-run}'s result. */
    static MigrateResult planOf(DeployRun run) {
        DeployPlan p = run.reviewed;
        return new MigrateResult("migrate", run.runId, p.database(), true, p.inputs().versionBefore(),
                p.inputs().versionBefore(), List.of(), p.migrations(), 0);
    }

    /** What the migrate step applies: the reviewed plan's migrations, checked again under the runner lock. */
    static MigrateOptions migrateOptions(DeployRun run) {
        DeployPlan p = run.reviewed;
        Phase phase = p.inputs().phase() == null ? null : Phase.parse(p.inputs().phase());
        return MigrateOptions.ALL.withPhase(phase).expecting(p.inputs().planDigest());
    }
}
