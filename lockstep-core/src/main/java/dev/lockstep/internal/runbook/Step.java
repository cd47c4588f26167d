package dev.lockstep.internal.runbook;

/** One step of a runbook: what it is called, when it runs, and what it does. */
interface Step {
    /** When a step runs relative to a failure earlier in the runbook. */
    enum When {
        /** Until a step fails; skipped after. */
        UNTIL_FAILURE,
        /** Only after a step failed. */
        ON_FAILURE,
        /** Whatever happened before. */
        ALWAYS
    }

    String name();

    When when();

    /** A read-only step also runs in a dry run; the others are skipped then. */
    boolean readOnly();

    /** Whether the step has anything to do in this run (e.g. undo only when asked to). */
    default boolean applies(DeployRun run) {
        return true;
    }

    /** Runs the step; returns a one-line detail for the audit log and report. Throws to mark it failed. */
    String run(DeployRun run);
}
