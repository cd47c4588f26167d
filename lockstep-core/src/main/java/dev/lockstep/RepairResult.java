package dev.lockstep;

import java.util.List;

/**
 * What {@code repair} changed in the history.
 *
 * @param removedFailures how many failed rows were removed
 * @param removedFrom the migrations those rows were of (a version, or a repeatable migration's description)
 * @param realigned the migrations whose recorded checksum was updated to the file's
 * @param warnings partially applied migrations whose record was removed (they will run from the start)
 */
public record RepairResult(String database, int removedFailures, List<String> removedFrom, List<String> realigned,
                           List<String> warnings) {
}
