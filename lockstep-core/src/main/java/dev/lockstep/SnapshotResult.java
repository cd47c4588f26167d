package dev.lockstep;

/**
 * The schema snapshot {@code snapshot} took.
 *
 * @param file where it was written, or null when it was not written to a file
 * @param objects how many objects it describes
 * @param text the snapshot itself (the file's content)
 */
public record SnapshotResult(String database, String file, int objects, String text) {
}
