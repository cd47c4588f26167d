package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.LockLevel;

/**
 * A lock a statement takes: its mode and what it is on, e.g. ACCESS EXCLUSIVE on {@code accounts}, or
 * ACCESS EXCLUSIVE on the indexes of {@code accounts}.
 *
 * @param object the table, index or view as written, or a description such as "the table of index x"
 */
public record HeldLock(LockLevel mode, String object) {

    /** Plain reads (ACCESS SHARE) wait for it. */
    public boolean blocksReads() {
        return mode == LockLevel.ACCESS_EXCLUSIVE;
    }

    /** INSERT, UPDATE and DELETE (ROW EXCLUSIVE) wait for it. */
    public boolean blocksWrites() {
        return mode.compareTo(LockLevel.SHARE) >= 0;
    }

    /** What other sessions cannot do while it is held, for people. */
    public String blocks() {
        if (blocksReads()) {
            return "reads and writes";
        }
        if (blocksWrites()) {
            return "writes";
        }
        return mode == LockLevel.SHARE_UPDATE_EXCLUSIVE ? "other schema changes and VACUUM" : "nothing but DROP";
    }

    @Override
    public String toString() {
        return mode.sqlName() + " on " + object;
    }
}
