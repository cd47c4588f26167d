package dev.lockstep;

import java.util.List;

/**
 * What {@code migrate} or {@code rollback} did, or with {@code dryRun} would do.
 *
 * @param command {@code migrate} or {@code rollback}
 * @param versionBefore the highest applied version before the run; null when none
 * @param versionAfter after the run (unchanged for a dry run)
 * @param executed the migrations run, in order (empty for a dry run)
 * @param plan what would run (filled for a dry run, else empty)
 */
public record MigrateResult(String command, String runId, String database, boolean dryRun, String versionBefore,
                            String versionAfter, List<AppliedMigration> executed, List<PlannedMigration> plan,
                            long durationMs) {
}
