package dev.lockstep;

/**
 * An environment's database identity, as {@code env pin} recorded it in lockstep.toml.
 *
 * @param databaseId the server's system identifier and the database name, {@code 7301234567890123456/shop}
 * @param database where it was read: {@code user@host:port/database}
 * @param previous the database-id the environment had before, or null
 * @param changed whether the file was written (false when it already held this identity)
 */
public record DatabasePin(String environment, String databaseId, String database, String file, String previous,
                          boolean changed) {
}
