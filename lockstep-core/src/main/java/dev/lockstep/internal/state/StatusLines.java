package dev.lockstep.internal.state;

import dev.lockstep.MigrationInfo;
import dev.lockstep.MigrationState;

/** Turns reconciled migrations into the public {@link MigrationInfo} lines of {@code status}. */
public final class StatusLines {
    private StatusLines() {
    }

    public static MigrationInfo info(Reconciled r) {
        HistoryRow ran = r.failure() != null ? r.failure() : r.lastSuccess();
        String note = null;
        if (r.state() == MigrationState.FAILED && r.failure() != null) {
            note = "last attempt failed: " + r.failure().errorMessage();
        } else if (r.state() == MigrationState.PARTIALLY_APPLIED) {
            note = r.failure().statementsApplied() + " of " + r.failure().statementsTotal()
                    + " statements applied; migrate resumes at statement " + (r.failure().statementsApplied() + 1)
                    + (r.failure().errorMessage() == null ? " (the run was interrupted)" : ": " + r.failure().errorMessage());
        } else if (r.lastSuccess() != null && r.lastSuccess().kind() == HistoryKind.IMPORTED && r.failure() == null) {
            note = "imported (" + r.lastSuccess().installedBy() + ")";
        }
        String type = r.state() == MigrationState.BASELINE ? "baseline" : r.version() == null ? "repeatable" : "versioned";
        String script = r.migration() != null ? r.migration().script() : ran != null ? ran.script() : null;
        return new MigrationInfo(r.version(), r.description(), type, r.state(), script,
                ran == null ? null : ran.finishedAt() != null ? ran.finishedAt() : ran.startedAt(),
                ran == null ? null : ran.durationMs(), note);
    }
}
