package dev.lockstep;

import java.util.List;

/**
 * Every migration and where it stands, plus the issues that would stop {@code migrate}.
 *
 * @param currentVersion the highest applied version, or null
 */
public record StatusResult(String database, String historyTable, String directory, String currentVersion,
                           List<MigrationInfo> migrations, List<ValidationIssue> issues) {

    /** How many migrations {@code migrate} would run (or resume). */
    public long pending() {
        return migrations.stream().filter(m -> m.state().runnable()).count();
    }

    /** How many rollbacks stopped part-way ({@link MigrationState#ROLLBACK_STOPPED}): {@code rollback} resumes them. */
    public long stoppedRollbacks() {
        return migrations.stream().filter(m -> m.state() == MigrationState.ROLLBACK_STOPPED).count();
    }

    public boolean upToDate() {
        return pending() == 0 && stoppedRollbacks() == 0 && issues.isEmpty();
    }
}
