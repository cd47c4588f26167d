package dev.lockstep.internal.state;

import dev.lockstep.MigrationInfo;
import dev.lockstep.internal.source.MigrationSet;
import java.util.List;

/**
 * What one operation knows about its target, read once: the migration files, the history rows and the
 * state of each migration that follows from both.
 */
public record TargetState(MigrationSet files, List<HistoryRow> rows, List<Reconciled> states) {
    public TargetState {
        rows = List.copyOf(rows);
        states = List.copyOf(states);
    }

    /** Reconciles the files with the history. */
    public static TargetState of(MigrationSet files, List<HistoryRow> rows) {
        return new TargetState(files, rows, new Reconciler().reconcile(files, rows));
    }

    /** The highest applied version, or null. */
    public String currentVersion() {
        return Reconciler.currentVersion(states);
    }

    /** One line per migration, as {@code status} shows them. */
    public List<MigrationInfo> lines() {
        return states.stream().map(StatusLines::info).toList();
    }
}
