package dev.lockstep.internal.plan;

import dev.lockstep.MigrationState;
import dev.lockstep.internal.history.HistoryRow;
import dev.lockstep.internal.source.ResolvedMigration;

/**
 * One migration with its state: the file (null when missing), the last successful row and the
 * failed row after it, either of which may be null.
 */
public record Reconciled(ResolvedMigration migration, String version, String description, MigrationState state,
                         HistoryRow lastSuccess, HistoryRow failure) {
}
