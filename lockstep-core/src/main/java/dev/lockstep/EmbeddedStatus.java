package dev.lockstep;

import java.time.Instant;

/**
 * An embedded PostgreSQL that Lockstep uses when no database is configured: by default one per user,
 * with a database of its own for each project directory.
 *
 * @param pid null when it is not running
 * @param port null when it is not running
 * @param url the JDBC URL of this project's database on it; null when it is not running, or when the
 *            server is not this configuration's (in a listing of all)
 * @param home the directory of its data, log and state; null for an embedded server that is not Lockstep's
 * @param dataDirectory its PostgreSQL data directory
 * @param started whether this call started it
 * @param database this project's database on it; null when listed as one of all
 * @param idleStop after how long unused it stops itself, as the latest invocation set it ({@code 30m},
 *                 {@code off}); null when unknown
 * @param lastUsed when a command last used it; null when unknown
 */
public record EmbeddedStatus(boolean running, Long pid, Integer port, String url, String home, String dataDirectory,
                             boolean started, String database, String idleStop, Instant lastUsed) {
}
