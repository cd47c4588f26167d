package dev.lockstep;

/** Where one migration stands, comparing the files with the history table. */
public enum MigrationState {
    /** Applied and unchanged. */
    APPLIED("applied"),
    /** Not applied yet. */
    PENDING("pending"),
    /** Pending, but its version is below the highest applied one. */
    OUT_OF_ORDER("out of order"),
    /** A contract-phase migration not applied yet: it waits for {@code migrate --phase contract}. */
    WAITING("waiting"),
    /** The last attempt failed and nothing of it remains; migrate retries it. */
    FAILED("failed"),
    /** A non-transactional migration failed after some statements ran; migrate resumes it. */
    PARTIALLY_APPLIED("partially applied"),
    /**
     * Its down script, run statement by statement, failed after some statements ran: neither applied nor
     * rolled back. rollback resumes at the failed statement; migrate refuses until then.
     */
    ROLLBACK_STOPPED("rollback stopped"),
    /** Applied, but its file has changed since. */
    CHANGED("changed"),
    /** Applied, but its file is gone. */
    MISSING("missing"),
    /** A repeatable migration whose file changed since it last ran; migrate runs it again. */
    OUTDATED("outdated"),
    /** The baseline row itself. */
    BASELINE("baseline"),
    /** At or below the baseline version: counted as applied without running. */
    BELOW_BASELINE("below baseline");

    private final String label;

    MigrationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether migrate would run it. */
    public boolean runnable() {
        return this == PENDING || this == OUT_OF_ORDER || this == FAILED || this == PARTIALLY_APPLIED
                || this == OUTDATED;
    }
}
