package dev.lockstep;

import java.util.List;

/**
 * What {@code repair} changed in the history.
 *
 * @param removedFailures failed rows removed
 * @param realigned versions whose recorded checksum was updated to the file's
 * @param warnings partially applied migrations whose record was removed (they will run from the start)
 */
public record RepairResult(String database, int removedFailures, List<String> realigned, List<String> warnings) {
}
