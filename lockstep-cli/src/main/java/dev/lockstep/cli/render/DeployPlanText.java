package dev.lockstep.cli.render;

import dev.lockstep.DeployPlan;
import dev.lockstep.DeployResult;
import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.cli.Console;
import java.util.List;

/**
 * The plan of {@code deploy --dry-run} for review: the migrations as {@code migrate --dry-run} prints them, the
 * lint gate's verdicts, the down plan and the hash approvals are given to.
 */
public final class DeployPlanText {
    private DeployPlanText() {
    }

    public static void render(Console console, DeployResult r) {
        DeployPlan p = r.review();
        if (p == null) {
            return;
        }
        String before = p.inputs().versionBefore();
        RunText.render(console, new MigrateResult("migrate", r.runId(), p.database(), true, before, before, List.of(),
                p.migrations(), 0));
        if (!p.lint().isEmpty()) {
            console.println("");
            console.println("-- Lint gate:");
            for (DeployPlan.LintVerdict v : p.lint()) {
                console.println("--   " + v.at() + " " + v.severity() + " [" + v.rule() + "]: " + v.verdict());
            }
        }
        console.println("");
        if (p.down().isEmpty() && p.irreversible().isEmpty()) {
            console.println("-- Down plan: nothing to undo.");
        } else {
            if (p.irreversible().isEmpty()) {
                console.println("-- Down plan: what 'lockstep rollback --steps " + p.down().size() + "' would run "
                        + "after this deploy, newest first.");
            } else {
                console.println("-- Down plan: no down script for " + String.join(", ", p.irreversible())
                        + ", so 'lockstep rollback' would refuse to undo this deploy (naming them); the backup the "
                        + "deploy takes undoes it ('lockstep restore')." + (p.down().isEmpty() ? ""
                        : " The down scripts there are, newest first:"));
            }
            if (!p.down().isEmpty()) {
                String after = last(p.migrations());
                RunText.render(console, new MigrateResult("rollback", r.runId(), p.database(), true, after, after,
                        List.of(), p.down(), 0));
            }
        }
        console.println("");
        DeployPlan.Target t = p.inputs().target();
        console.println("-- Plan " + p.hash());
        console.println("--   target " + t.database() + " (oid " + t.databaseOid() + ", cluster "
                + (t.systemIdentifier() == null ? "unknown" : t.systemIdentifier()) + ", PostgreSQL "
                + t.serverVersion() + ")" + (p.inputs().environment() == null ? ""
                : ", environment " + p.inputs().environment()) + (p.inputs().phase() == null ? ""
                : ", phase " + p.inputs().phase()));
        console.println("--   made by " + p.createdBy() + " at " + p.createdAt() + "; covers " + p.inputs().files().size()
                + " migration file(s) and " + p.inputs().settings().size() + " settings");
    }

    private static String last(List<PlannedMigration> up) {
        for (int i = up.size() - 1; i >= 0; i--) {
            if (up.get(i).version() != null) {
                return up.get(i).version();
            }
        }
        return null;
    }
}
