package dev.lockstep.spi;

import java.time.Duration;

/**
 * A migration being run, as listeners see it.
 *
 * @param version null for a repeatable migration
 * @param direction {@code up}, {@code resume} or {@code down}
 * @param position 1-based position in this run
 * @param count how many migrations this run executes
 * @param duration how long it took; zero until it finished
 * @param blocks how many {@code BEGIN ... COMMIT} blocks of its own the script runs as written (0 for a
 *               script run in one transaction or statement by statement)
 */
public record MigrationEvent(String version, String description, String script, String direction, int position,
                             int count, boolean transactional, Duration duration, int blocks) {

    /** An event of a script without blocks of its own. */
    public MigrationEvent(String version, String description, String script, String direction, int position,
                          int count, boolean transactional, Duration duration) {
        this(version, description, script, direction, position, count, transactional, duration, 0);
    }

    public MigrationEvent finished(Duration took) {
        return new MigrationEvent(version, description, script, direction, position, count, transactional, took,
                blocks);
    }
}
