package dev.lockstep.internal.state;

import java.time.Instant;

/** One row of the history table. */
public record HistoryRow(long id, String version, String description, HistoryKind kind, String script,
                         String checksum, String checksumAlgorithm, boolean transactional, String installedBy,
                         Instant startedAt, Instant finishedAt, Long durationMs, boolean success,
                         int statementsApplied, int statementsTotal, String appliedHash, Integer inFlight,
                         String errorSqlState, String errorMessage, String runId, String toolVersion,
                         String batchPosition, Long rowsDone) {

    /** A failed non-transactional run that got some statements done: resume, do not start over. */
    public boolean partial() {
        return !success && !transactional && (statementsApplied > 0 || inFlight != null || batchPosition != null);
    }
}
