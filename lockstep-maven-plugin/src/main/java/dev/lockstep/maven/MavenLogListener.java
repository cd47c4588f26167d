package dev.lockstep.maven;

import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import org.apache.maven.plugin.logging.Log;

/** Progress to the build log: one line per migration, notices, and sessions waiting behind a lock. */
final class MavenLogListener implements RunListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void notice(String message) {
        log.info(message);
    }

    @Override
    public void migrationFinished(MigrationEvent m) {
        log.info(String.format("  %-11s %-8s %s (%d ms)", m.direction(), m.version() == null ? "R" : m.version(),
                m.description(), m.duration() == null ? 0 : m.duration().toMillis()));
    }

    @Override
    public void migrationFailed(MigrationEvent m, String error) {
        log.error("  FAILED      " + (m.version() == null ? "R" : m.version()) + " " + m.description());
    }

    @Override
    public void lockWaits(MigrationEvent m, int sessions, Duration longest) {
        log.warn(sessions + " session(s) waiting behind migration " + m.version() + " (longest " + longest.toMillis()
                + " ms)");
    }
}
