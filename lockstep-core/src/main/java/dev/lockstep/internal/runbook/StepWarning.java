package dev.lockstep.internal.runbook;

/** Thrown by a step that did its work but has something to report: the step's outcome is {@code warning}. */
final class StepWarning extends RuntimeException {
    StepWarning(String detail) {
        super(detail, null, false, false);
    }
}
