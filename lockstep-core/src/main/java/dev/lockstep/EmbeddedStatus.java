package dev.lockstep;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL that Lockstep uses when no database is named.
 *
 * @param pid null when it is not running
 * @param port null when it is not running
 * @param url its JDBC URL, null when it is not running
 * @param started whether this call started it
 */
public record EmbeddedStatus(boolean running, Long pid, Integer port, String url, Path dataDirectory,
                             boolean started) {
}
