package dev.lockstep.internal.history;

import dev.lockstep.internal.state.HistoryKind;
import java.time.Instant;

/** The columns of a history row known when an execution starts. */
public record NewRow(String version, String description, HistoryKind kind, String script, String checksum,
                     String checksumAlgorithm, boolean transactional, String installedBy, Instant startedAt,
                     int statementsTotal, String runId, String toolVersion) {
}
