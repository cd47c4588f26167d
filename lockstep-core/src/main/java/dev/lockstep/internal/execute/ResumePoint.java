package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.state.HistoryRow;
import java.util.List;
import java.util.Objects;

/**
 * Where a migration that stopped part-way goes on: whether a plan item resumes, how many statements the
 * stopped run applied (checked against the hash of their text, recorded with the progress), and what a
 * failure tells the user it leaves applied and where the next run starts.
 */
final class ResumePoint {
    private ResumePoint() {
    }

    /** Whether the item goes on from a run that stopped part-way: a failed migration, or a stopped rollback. */
    static boolean resumes(PlanItem item) {
        return item.resumeFrom() != null
                && (item.action() == PlanItem.Action.RESUME || item.action() == PlanItem.Action.ROLLBACK);
    }

    /** How many statements the failed run applied, after checking that their text has not changed. */
    static int verifiedPrefix(PlanItem item, PreparedScript script, HistoryRow previous) {
        int applied = previous.statementsApplied();
        List<SqlStatement> statements = script.statements();
        if (applied > statements.size()
                || !Objects.equals(appliedHash(statements, applied), previous.appliedHash())) {
            throw new LockstepException(ErrorCode.RESUME_REFUSED, MigrationExecutor.label(item) + " ("
                    + script.script().path() + ") was partially applied: " + applied + " of "
                    + previous.statementsTotal() + " statements ran, and those statements have changed in the file "
                    + "since",
                    "restore the first " + applied + " statements as they were, or undo them by hand and run "
                            + "'lockstep repair' to start " + (item.action() == PlanItem.Action.ROLLBACK
                            ? "the rollback" : "the migration") + " over; nothing was run");
        }
        return applied;
    }

    /** What a failure at statement {@code i} leaves applied, and where the next run starts. */
    static String advice(PlanItem item, PreparedScript script, int i, String what) {
        int n = script.statements().size();
        String again = item.action() == PlanItem.Action.ROLLBACK ? "rollback" : "migrate";
        String label = MigrationExecutor.label(item);
        return i == 0 ? "no statement of " + label + " was applied; fix it and run " + again + " again"
                : i + " of " + n + " statements of " + label + " are applied and recorded; fix " + what
                        + " and run " + again + " again: it resumes there";
    }

    /** The hash of the first {@code n} statements' text: what a resume compares. */
    static String appliedHash(List<SqlStatement> statements, int n) {
        if (n == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(statements.get(i).sql()).append("\n;\n");
        }
        return Checksum.sha256Hex(sb.toString());
    }
}
