package dev.lockstep.internal.state;

import dev.lockstep.MigrationState;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.HistoryRow;

/**
 * One migration with its state: the file (null when missing), the last successful row and the
 * failed row after it, either of which may be null.
 */
public record Reconciled(ResolvedMigration migration, String version, String description, MigrationState state,
                         HistoryRow lastSuccess, HistoryRow failure) {
}
