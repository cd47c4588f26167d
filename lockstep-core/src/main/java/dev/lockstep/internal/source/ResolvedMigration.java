package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;

/**
 * A migration as found on disk.
 *
 * @param version null for a repeatable migration
 * @param down null when there is no down script
 * @param checksum of the up script; null when the files were loaded only to be linted
 * @param verify the assertion script to run right after it ({@code V3__x.verify.sql}), or null
 */
public record ResolvedMigration(MigrationType type, MigrationVersion version, String description, Script up,
                                Script down, String checksum, Directives directives, Script verify) {

    public ResolvedMigration(MigrationType type, MigrationVersion version, String description, Script up, Script down,
                             String checksum, Directives directives) {
        this(type, version, description, up, down, checksum, directives, null);
    }

    public ResolvedMigration withVerify(Script script) {
        return new ResolvedMigration(type, version, description, up, down, checksum, directives, script);
    }

    /** The version text, or {@code R} and the description for a repeatable migration. */
    public String id() {
        return version != null ? version.text() : "R:" + description;
    }

    public String script() {
        return up.path();
    }

    public boolean hasDown() {
        return down != null;
    }

    /** Whether the down script exists but has no statement (a template never written, an empty file). */
    public boolean downIsEmpty() {
        return down != null && !Sections.hasStatements(down.text());
    }
}
