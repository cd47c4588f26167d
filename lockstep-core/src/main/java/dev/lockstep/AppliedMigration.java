package dev.lockstep;

/**
 * A migration this run executed.
 *
 * @param direction {@code up}, {@code resume} or {@code down}
 * @param maxSessionsWaiting the most sessions seen waiting behind it at once (checked every second)
 * @param longestWaitMs the longest any of them had waited
 */
public record AppliedMigration(String version, String description, String script, String direction,
                              boolean transactional, long durationMs, int maxSessionsWaiting, long longestWaitMs) {
}
