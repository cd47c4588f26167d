package dev.lockstep;

/**
 * A migration this run executed.
 *
 * @param direction {@code up}, {@code resume} or {@code down}
 */
public record AppliedMigration(String version, String description, String script, String direction,
                              boolean transactional, long durationMs) {
}
