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

    /** What other sessions cannot do while it is held, for people (PostgreSQL's lock conflict table). */
    public String blocks() {
        return switch (mode) {
            case ACCESS_EXCLUSIVE -> "reads and writes";
            case EXCLUSIVE, SHARE_ROW_EXCLUSIVE, SHARE -> "writes";
            case SHARE_UPDATE_EXCLUSIVE -> "schema changes, VACUUM and index builds";
            case ROW_EXCLUSIVE -> "index builds and schema changes";
            case ROW_SHARE, ACCESS_SHARE -> "schema changes that take ACCESS EXCLUSIVE";
            case NONE -> "nothing";
        };
    }

    @Override
    public String toString() {
        return mode.sqlName() + " on " + object;
    }
}
