package dev.lockstep.maven;

import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.Lockstep;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** The whole runbook: preflight, backup, lint and plan, migrate, verify; audit log, report, notifications. */
@Mojo(name = "deploy", requiresProject = false, threadSafe = true)
public class DeployMojo extends LockstepMojo {
    /** Run only the read-only steps (preflight, plan, verify). */
    @Parameter(property = "lockstep.dryRun", defaultValue = "false")
    boolean dryRun;

    /** none, rollback or restore: what a failed deploy undoes. */
    @Parameter(property = "lockstep.onFailure", defaultValue = "none")
    String onFailure;

    /** Why running inside the denied deploy window is fine. */
    @Parameter(property = "lockstep.outsideWindowReason")
    String outsideWindowReason;

    @Override
    void run(Lockstep lockstep) {
        DeployResult r = lockstep.deploy(new DeployOptions(dryRun, outsideWindowReason,
                DeployOptions.OnFailure.parse(onFailure)));
        r.steps().forEach(s -> getLog().info(String.format("  %-10s %-8s %6d ms  %s", s.name(), s.outcome(),
                s.durationMs(), s.detail() == null ? "" : s.detail())));
        getLog().info("Deploy " + r.outcome() + (r.dryRun() ? " (dry run)" : "") + " on " + r.database()
                + (r.report() == null ? "" : "; report: " + r.report()));
    }
}
