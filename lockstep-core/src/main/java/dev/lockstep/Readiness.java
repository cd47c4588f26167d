package dev.lockstep;

import java.time.Instant;

/**
 * Whether the application may take traffic as far as its schema goes: the database answers, and every
 * migration of the files is applied, none failed, none partly applied and none changed since. What
 * {@code lockstep serve}'s {@code /readyz} and the Spring Boot readiness indicator report.
 *
 * @param checkedAt when the database and the files were read (a cached answer keeps its time)
 */
public record Readiness(boolean ok, Database database, Migrations migrations, History history, Instant checkedAt) {

    /**
     * Whether a connection opened and answered.
     *
     * @param detail where (no password), or why not
     * @param lockWaits sessions of the database waiting for a lock right now; null when unreachable
     */
    public record Database(boolean ok, long ms, String detail, Integer lockWaits) {
    }

    /**
     * The files against the history. {@code ok} when nothing is pending, failed, partly applied or changed;
     * applied migrations whose files are gone ({@code missing}) are reported and allowed: a database ahead of
     * an older copy of the application during a rolling deploy is ready for it.
     *
     * @param current the highest applied version, or null
     * @param expected the highest version among the files, or null
     * @param detail why the check could not run (files unreadable, database down), else null
     */
    public record Migrations(boolean ok, long ms, String current, String expected, int pending, int failed,
                             int partial, int checksumMismatch, int missing, String detail) {
    }

    /**
     * What the history table says about past runs.
     *
     * @param rows rows in the history table (0 before the first run)
     * @param lastRunAt when the newest execution finished (or started, when it never finished); null when none
     * @param lastRunMs how long it took; null when unknown
     * @param lastRunOk whether it succeeded; null when there is none
     * @param lastRunVersion its migration's version (null for repeatable ones)
     */
    public record History(long rows, Instant lastRunAt, Long lastRunMs, Boolean lastRunOk, String lastRunVersion) {
        public static final History NONE = new History(0, null, null, null, null);
    }
}
