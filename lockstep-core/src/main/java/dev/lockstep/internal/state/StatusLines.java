package dev.lockstep.internal.state;

import dev.lockstep.MigrationInfo;
import dev.lockstep.MigrationState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns reconciled migrations into the public {@link MigrationInfo} lines of {@code status}. A line's
 * time and duration are those of the run that made the migration what it is now: the application of an
 * applied one, the failed attempt of a failed one, none for one rolled back (the note says when).
 */
public final class StatusLines {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusLines() {
    }

    public static MigrationInfo info(Reconciled r) {
        HistoryRow success = r.lastSuccess();
        HistoryRow failure = r.failure();
        boolean rolledBack = success != null && success.kind() == HistoryKind.ROLLBACK;
        boolean failedRollback = failure != null && failure.kind() == HistoryKind.ROLLBACK;
        HistoryRow ran = failure != null && !failedRollback ? failure : rolledBack ? null : success;
        String note = null;
        if (r.state() == MigrationState.FAILED && failure != null) {
            note = "last attempt failed: " + failure.errorMessage();
        } else if (r.state() == MigrationState.PARTIALLY_APPLIED) {
            note = failure.statementsApplied() + " of " + failure.statementsTotal()
                    + " statements applied; migrate resumes at statement " + (failure.statementsApplied() + 1)
                    + (failure.errorMessage() == null ? " (the run was interrupted)" : ": " + failure.errorMessage());
        } else if (failedRollback) {
            note = "rollback failed at " + WHEN.format(when(failure)) + ": " + failure.errorMessage()
                    + "; it is still applied";
        } else if (rolledBack) {
            note = "rolled back at " + WHEN.format(when(success));
        }
        String type = r.state() == MigrationState.BASELINE ? "baseline" : r.version() == null ? "repeatable" : "versioned";
        String script = r.migration() != null ? r.migration().script() : ran != null ? ran.script()
                : success != null ? success.script() : null;
        return new MigrationInfo(r.version(), r.description(), type, r.state(), script,
                ran == null ? null : when(ran), ran == null ? null : ran.durationMs(), note);
    }

    private static Instant when(HistoryRow row) {
        return row.finishedAt() != null ? row.finishedAt() : row.startedAt();
    }
}
