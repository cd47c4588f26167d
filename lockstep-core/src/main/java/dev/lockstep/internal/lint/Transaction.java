package dev.lockstep.internal.lint;

import java.util.List;

/**
 * Statements that run in one transaction, so that every lock one of them takes is held until the
 * transaction ends: an explicit {@code BEGIN ... COMMIT} block, the whole file (Lockstep's own
 * transaction), or a single statement that runs on its own (autocommit).
 *
 * @param statements the statements of the transaction, transaction control excluded
 * @param end the {@code COMMIT} or {@code ROLLBACK} that ends an explicit block; null otherwise
 * @param block whether statements run in a transaction block (false: one statement in autocommit)
 * @param explicit whether the block is written in the file ({@code BEGIN ... COMMIT})
 */
public record Transaction(int id, List<LintStatement> statements, LintStatement end, boolean block,
                          boolean explicit) {

    /** Where the locks taken in this transaction are released, for people. */
    public String releasedAt() {
        if (end != null) {
            return end.is(0, "ROLLBACK") || end.is(0, "ABORT") ? "ROLLBACK at line " + end.line()
                    : "COMMIT at line " + end.line();
        }
        if (!block) {
            return "end of statement";
        }
        return explicit ? "end of file (the block is never committed)" : "end of file (the migration's COMMIT)";
    }

    /** The line of the statement that releases the locks, or null when it is not in the file. */
    public Integer releasedAtLine() {
        if (end != null) {
            return end.line();
        }
        return block ? null : statements.get(0).line();
    }
}
