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

    /** How many contract-phase migrations wait for {@code migrate --phase contract}. */
    public long waiting() {
        return migrations.stream().filter(m -> m.state() == MigrationState.WAITING).count();
    }

    public boolean upToDate() {
        return pending() == 0 && issues.isEmpty();
    }
}
