package dev.lockstep.internal.adopt;

import dev.lockstep.internal.source.ResolvedMigration;

/**
 * The version Diesel records for a migration: its directory's name up to the first {@code _}, without
 * dashes ({@code 2025-11-19-091444-0000_add_users} is {@code 202511190914440000}). Lockstep's own version
 * of that directory differs (the sequence number is a separate part), so rows are matched on this.
 */
final class DieselVersion {
    private DieselVersion() {
    }

    static String of(ResolvedMigration m) {
        String name = m.up().name().replace('\\', '/');
        int slash = name.indexOf('/');
        String directory = slash < 0 ? name : name.substring(0, slash);
        int underscore = directory.indexOf('_');
        return (underscore < 0 ? directory : directory.substring(0, underscore)).replace("-", "");
    }
}
