package dev.lockstep.spring;

import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Lockstep's progress in the application's log (category {@code dev.lockstep}). */
final class LoggingListener implements RunListener {
    private static final Log LOG = LogFactory.getLog("dev.lockstep");

    @Override
    public void notice(String message) {
        LOG.info(message);
    }

    @Override
    public void migrationFinished(MigrationEvent m) {
        LOG.info(m.direction() + " " + (m.version() == null ? "R" : m.version()) + " " + m.description() + " ("
                + (m.duration() == null ? 0 : m.duration().toMillis()) + " ms)");
    }

    @Override
    public void migrationFailed(MigrationEvent m, String error) {
        LOG.error("failed " + (m.version() == null ? "R" : m.version()) + " " + m.description() + ": " + error);
    }

    @Override
    public void lockWaits(MigrationEvent m, int sessions, Duration longest) {
        LOG.warn(sessions + " session(s) waiting behind migration " + m.version() + " (longest "
                + longest.toMillis() + " ms)");
    }
}
