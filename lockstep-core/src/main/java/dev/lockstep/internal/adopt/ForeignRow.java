package dev.lockstep.internal.adopt;

import java.time.Instant;

/**
 * One row of another tool's history, reduced to what matching needs.
 *
 * @param key what names the migration: a version, a file name (Liquibase), a directory name (Prisma) or a
 *            revision (Alembic); for a Flyway repeatable row, {@code R:} and its description
 * @param label how the row is named in messages, e.g. {@code installed_rank 3 (V3__add_users.sql)}
 * @param type the tool's own kind of row (Flyway's {@code SQL}, {@code BASELINE}...), else empty
 * @param problem why the row cannot be taken over (failed, dirty...), or null
 * @param undone the row takes its migration back (a Flyway undo, a rolled-back Prisma migration)
 * @param checksum Flyway's CRC32 of the file, or Prisma's SHA-256 in hex; null when the tool keeps none
 * @param at when the tool applied it, or null
 * @param by who applied it, or null
 */
public record ForeignRow(String key, String label, String type, String problem, boolean undone, String checksum,
                         Instant at, String by) {
}
