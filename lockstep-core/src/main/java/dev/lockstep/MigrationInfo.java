package dev.lockstep;

import java.time.Instant;

/**
 * One line of {@code status}: a migration's version, description, state and, when it ran, when and
 * how long it took.
 *
 * @param version null for repeatable migrations
 * @param script the file, or null when the file is missing
 * @param installedOn null when never applied
 * @param durationMs null when never applied
 * @param note extra information: the error of a failed run, how far a partial run got
 */
public record MigrationInfo(String version, String description, String type, MigrationState state, String script,
                            Instant installedOn, Long durationMs, String note) {
}
