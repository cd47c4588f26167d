package dev.lockstep;

import java.util.List;

/**
 * What {@code restore} did, and whether the restored database is the backup's.
 *
 * @param file the backup restored (its manifest's {@code file})
 * @param provider the backup provider that took it
 * @param database the database restored: the target's, or the new one
 * @param newDatabase whether it was restored into a new database ({@code --to-new})
 * @param backupTakenAt when the backup was taken (ISO-8601 UTC)
 * @param migrationVersion the restored database's migration version, or null when none is applied
 * @param identical whether the restored catalog, privileges and row counts are the backup's; null when the
 *                  manifest has no catalog fingerprint to compare with
 * @param differences each difference from the backup, empty when identical
 * @param notes what the restore could not carry over or left in place (e.g. ownership it may not set)
 * @param previousDatabase the database that was replaced, when it is kept (after a difference); else null
 * @param durationMs the whole restore
 * @param checkMs of which the comparison with the backup's fingerprint
 */
public record RestoreResult(String file, String provider, String database, boolean newDatabase, String backupTakenAt,
                            String migrationVersion, Boolean identical, List<String> differences, List<String> notes,
                            String previousDatabase, long durationMs, long checkMs) {
    public RestoreResult {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }
}
