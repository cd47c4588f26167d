package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.StatementKind;

/** What a transaction control statement does to the transaction block the file is in. */
public enum TransactionControl {
    /** BEGIN, START TRANSACTION. */
    BEGIN,
    /** COMMIT, END, ROLLBACK, ABORT (not ROLLBACK TO SAVEPOINT). */
    END,
    /** SAVEPOINT, RELEASE, ROLLBACK TO: only inside a block. */
    SAVEPOINT,
    /** PREPARE TRANSACTION, COMMIT/ROLLBACK PREPARED. */
    TWO_PHASE,
    /** Not transaction control. */
    NONE;

    public static TransactionControl of(LintStatement s) {
        if (s.kind() == StatementKind.COMMIT_PREPARED) {
            return TWO_PHASE;
        }
        if (s.kind() != StatementKind.TRANSACTION_CONTROL) {
            return NONE;
        }
        if (s.is(0, "BEGIN") || s.is(0, "START")) {
            return BEGIN;
        }
        if (s.is(0, "SAVEPOINT") || s.is(0, "RELEASE") || ((s.is(0, "ROLLBACK") || s.is(0, "ABORT"))
                && s.indexOf("TO", 1) > 0)) {
            return SAVEPOINT;
        }
        if (s.is(0, "COMMIT") || s.is(0, "END") || s.is(0, "ROLLBACK") || s.is(0, "ABORT")) {
            return END;
        }
        return TWO_PHASE;
    }
}
