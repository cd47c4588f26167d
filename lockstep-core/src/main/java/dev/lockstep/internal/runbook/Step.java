package dev.lockstep.internal.runbook;

/** One step of a runbook. A read-only step also runs in a dry run; the others are skipped then. */
interface Step {
    String name();

    boolean readOnly();

    /** Runs the step; returns a one-line detail for the audit log and report. Throws to stop the runbook. */
    String run(DeployRun run);
}
