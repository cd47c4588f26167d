package dev.lockstep.spi;

import java.time.Duration;

/**
 * Hears what a run does, as it happens: for progress output, logs and metrics. Every method has an
 * empty default; a listener must not throw.
 */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** Something worth telling the user: the embedded server in use, waiting for a lock, a retry. */
    default void notice(String message) {
    }

    default void migrationStarted(MigrationEvent migration) {
    }

    /**
     * How far a long step of the running migration has got, e.g. a batched backfill's rows, rate and ETA.
     * Called every few seconds; each call replaces the last (a terminal shows it on a live line, a log
     * every ten seconds).
     */
    default void progress(String status) {
    }

    /** @param statement 1-based */
    default void statementStarted(MigrationEvent migration, int statement, int statements, String sql) {
    }

    /**
     * Statements {@code first} to {@code last} (1-based) were sent together in one round trip; they
     * run one after the other on the server.
     */
    default void batchStarted(MigrationEvent migration, int first, int last, int statements) {
    }

    /** The statement, or the batch ending with it, finished. */
    default void statementFinished(MigrationEvent migration, int statement, Duration took) {
    }

    default void migrationFinished(MigrationEvent migration) {
    }

    /**
     * Once a second while a migration runs and other sessions wait for a lock it holds (or waits
     * for): how many, and the longest wait so far.
     */
    default void lockWaits(MigrationEvent migration, int sessions, Duration longest) {
    }

    default void migrationFailed(MigrationEvent migration, String error) {
    }
}
