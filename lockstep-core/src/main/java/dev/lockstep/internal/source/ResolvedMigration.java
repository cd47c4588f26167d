package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;

/**
 * A migration as found on disk.
 *
 * @param version null for a repeatable migration
 * @param down null when there is no down script
 * @param checksum of the up script; null when the files were loaded only to be linted
 * @param verify the assertion script to run right after it ({@code V3__x.verify.sql}), or null
 * @param downTransactionOff the file says its down section runs outside a transaction (goose's
 *                           {@code -- +goose NO TRANSACTION}, dbmate's {@code -- migrate:down transaction:false})
 */
public record ResolvedMigration(MigrationType type, MigrationVersion version, String description, Script up,
                                Script down, String checksum, Directives directives, Script verify,
                                boolean downTransactionOff) {

    public ResolvedMigration(MigrationType type, MigrationVersion version, String description, Script up, Script down,
                             String checksum, Directives directives) {
        this(type, version, description, up, down, checksum, directives, null, false);
    }

    public ResolvedMigration withVerify(Script script) {
        return new ResolvedMigration(type, version, description, up, down, checksum, directives, script,
                downTransactionOff);
    }

    ResolvedMigration withDownTransactionOff(boolean off) {
        return new ResolvedMigration(type, version, description, up, down, checksum, directives, verify, off);
    }

    /** The down script's directives, with the transaction off when the file says so for its down section. */
    public Directives downDirectives() {
        Directives d = new DirectiveParser().parse(down);
        return downTransactionOff && d.transaction() == null ? new Directives(Boolean.FALSE, d.lockTimeout(),
                d.suppressions(), d.batch(), d.empty(), d.phase()) : d;
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
