package dev.lockstep.internal.plan;

import dev.lockstep.ValidationIssue;
import dev.lockstep.internal.state.TargetState;
import java.util.List;

/** What to run, in order, and the issues that forbid running it (empty when it may run). */
public record Plan(List<PlanItem> items, List<ValidationIssue> issues, TargetState state) {

    public boolean blocked() {
        return !issues.isEmpty();
    }
}
