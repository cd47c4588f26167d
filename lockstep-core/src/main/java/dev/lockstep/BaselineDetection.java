package dev.lockstep;

import java.util.List;

/**
 * What {@code baseline --detect} found: the version whose migration files produce the live schema.
 *
 * @param version the detected version (the closest one when not exact); null when not even the first
 *                migration's schema is in the database
 * @param exact whether the files up to it produce exactly the live schema
 * @param probes how many versions were built on the scratch database
 * @param differences when not exact, how the closest version's schema (expected) differs from the live one
 */
public record BaselineDetection(String database, String scratch, String version, boolean exact, int probes,
                                int files, List<SchemaDifference> differences) {
    public BaselineDetection {
        differences = List.copyOf(differences);
    }
}
