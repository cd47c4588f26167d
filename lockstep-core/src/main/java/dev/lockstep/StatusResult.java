package dev.lockstep;

import java.util.List;

/**
 * Every migration and where it stands, plus the issues that would stop {@code migrate}.
 *
 * @param currentVersion the highest applied version, or null
 * @param drift what the last {@code drift} check found
 */
public record StatusResult(String database, String historyTable, String directory, String currentVersion,
                           List<MigrationInfo> migrations, List<ValidationIssue> issues, DriftStatus drift) {

    /** Without a drift check on record. */
    public StatusResult(String database, String historyTable, String directory, String currentVersion,
                        List<MigrationInfo> migrations, List<ValidationIssue> issues) {
        this(database, historyTable, directory, currentVersion, migrations, issues, DriftStatus.UNKNOWN);
    }

    /** How many migrations {@code migrate} would run (or resume). */
    public long pending() {
        return migrations.stream().filter(m -> m.state().runnable()).count();
    }

    /** How many contract-phase migrations wait for {@code migrate --phase contract}. */
    public long waiting() {
        return migrations.stream().filter(m -> m.state() == MigrationState.WAITING).count();
    }

    /** How many rollbacks stopped part-way ({@link MigrationState#ROLLBACK_STOPPED}): {@code rollback} resumes them. */
    public long stoppedRollbacks() {
        return migrations.stream().filter(m -> m.state() == MigrationState.ROLLBACK_STOPPED).count();
    }

    public boolean upToDate() {
        return pending() == 0 && stoppedRollbacks() == 0 && issues.isEmpty();
    }
}
