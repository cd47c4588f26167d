package dev.lockstep;

/**
 * What {@code migrate} applies.
 *
 * @param target apply up to and including this version; null for every pending migration
 * @param dryRun only plan: print the exact SQL, locks and lint findings, change nothing (not even the
 *               history schema)
 * @param phase null or {@link Phase#EXPAND}: migrations without a phase and expand migrations; contract
 *              migrations wait. {@link Phase#CONTRACT}: every pending migration, contract ones included, once
 *              every expand migration is applied and {@code contract-requires} passes
 * @param expectedPlan the digest of the plan that was reviewed ({@code deploy --plan}): the run refuses,
 *                     before applying anything, when the plan made under the runner lock differs; null for none
 */
public record MigrateOptions(String target, boolean dryRun, Phase phase, String expectedPlan) {
    /** Every pending migration, for real. */
    public static final MigrateOptions ALL = new MigrateOptions(null, false);

    public MigrateOptions(String target, boolean dryRun) {
        this(target, dryRun, null, null);
    }

    public MigrateOptions withTarget(String version) {
        return new MigrateOptions(version, dryRun, phase, expectedPlan);
    }

    public MigrateOptions asDryRun() {
        return new MigrateOptions(target, true, phase, expectedPlan);
    }

    public MigrateOptions withPhase(Phase p) {
        return new MigrateOptions(target, dryRun, p, expectedPlan);
    }

    public MigrateOptions expecting(String planDigest) {
        return new MigrateOptions(target, dryRun, phase, planDigest);
    }
}
