package dev.lockstep;

import java.time.Instant;
import java.util.List;

/**
 * What {@code drift} found: the live schema against the schema its applied migrations produce on a
 * scratch database, and against the committed snapshot file when there is one.
 *
 * @param scratch the scratch database the migrations were applied on (dropped since)
 * @param version the highest applied version the expected schema was built to; null when none
 * @param fromMigrations the differences from the migrations' schema (expected) to the live one (found)
 * @param snapshotFile the snapshot file compared, or null when none is configured or it does not exist
 * @param fromSnapshotFile the differences from the snapshot file (expected) to the live schema; null
 *                         without a file
 * @param notes what limits the comparison (a migration whose file is gone, a partially applied one)
 */
public record DriftResult(String database, String scratch, Instant checkedAt, String version,
                          List<SchemaDifference> fromMigrations, String snapshotFile,
                          List<SchemaDifference> fromSnapshotFile, List<String> notes) {
    public DriftResult {
        fromMigrations = List.copyOf(fromMigrations);
        fromSnapshotFile = fromSnapshotFile == null ? null : List.copyOf(fromSnapshotFile);
        notes = List.copyOf(notes);
    }

    /** Objects that differ from the migrations' schema or from the snapshot file (counted once if from both). */
    public int differences() {
        java.util.Set<String> objects = new java.util.HashSet<>();
        fromMigrations.forEach(d -> objects.add(d.object()));
        if (fromSnapshotFile != null) {
            fromSnapshotFile.forEach(d -> objects.add(d.object()));
        }
        return objects.size();
    }

    public boolean drifted() {
        return differences() > 0;
    }
}
