package dev.lockstep.internal.plan;

import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.HistoryRow;

/**
 * One migration to run, up or down.
 *
 * @param resumeFrom for {@link Action#RESUME}, and a {@link Action#ROLLBACK} that stopped part-way: the failed
 *                   row whose applied prefix is to be kept
 */
public record PlanItem(Action action, ResolvedMigration migration, HistoryRow resumeFrom) {

    public enum Action {
        APPLY,
        RESUME,
        REAPPLY,
        ROLLBACK
    }
}
