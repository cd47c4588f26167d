package dev.lockstep.lint;

import java.util.List;

/**
 * The locks a script takes, statement by statement, and how long each is held ({@code lint --explain}).
 *
 * @param transactions how many transactions the script runs in
 */
public record LockTimeline(String file, int pgVersion, int transactions, List<Step> steps) {

    /**
     * One statement.
     *
     * @param transaction 1-based number of the transaction it runs in; null for BEGIN, COMMIT and the like
     * @param heldUntil where its locks are released: {@code COMMIT at line 9}, {@code end of statement},
     *                  {@code end of file (the migration's COMMIT)}
     * @param heldUntilLine the line of the statement that releases them; null when it is not in the file
     */
    public record Step(int line, int column, String statement, String kind, Integer transaction, List<Lock> locks,
                       String heldUntil, Integer heldUntilLine) {
    }

    /**
     * A lock one statement takes.
     *
     * @param mode PostgreSQL's lock mode, e.g. {@code ACCESS EXCLUSIVE}
     * @param on the table, index or view, as written
     * @param blocks what other sessions cannot do while it is held, e.g. {@code reads and writes}
     */
    public record Lock(String mode, String on, boolean blocksReads, boolean blocksWrites, String blocks) {
    }
}
