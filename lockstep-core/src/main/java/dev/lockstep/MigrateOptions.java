package dev.lockstep;

/**
 * What {@code migrate} applies.
 *
 * @param target apply up to and including this version; null for every pending migration
 * @param dryRun only plan: print the exact SQL, locks and lint findings, change nothing (not even the
 *               history schema)
 */
public record MigrateOptions(String target, boolean dryRun) {
    /** Every pending migration, for real. */
    public static final MigrateOptions ALL = new MigrateOptions(null, false);

    public MigrateOptions withTarget(String version) {
        return new MigrateOptions(version, dryRun);
    }

    public MigrateOptions asDryRun() {
        return new MigrateOptions(target, true);
    }
}
