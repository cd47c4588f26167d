package dev.lockstep;

import java.util.List;

/**
 * What {@code import} took over (or, for a dry run, would).
 *
 * @param table the other tool's history table that was read
 * @param baseline the version below which every file counts as applied (Flyway's baseline row), or null
 * @param migrations the files recorded as applied, with the row of the other tool that says so
 * @param versionAfter the highest version applied once imported, or null
 * @param notes rows taken over differently from how they read (a repeatable migration changed since)
 */
public record ImportResult(String tool, String table, String database, boolean dryRun, String baseline,
                           List<Imported> migrations, String versionAfter, List<String> notes) {

    /**
     * @param version null for a repeatable migration
     * @param row the other tool's row, e.g. {@code installed_rank 3 (version 3, V3__add_users.sql)}
     */
    public record Imported(String version, String description, String script, String row) {
    }
}
