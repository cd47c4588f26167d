package dev.lockstep.internal.sql;

/** PostgreSQL's table-level lock modes, weakest first (see "Explicit Locking" in the manual). */
public enum LockLevel {
    NONE("no table lock"),
    ACCESS_SHARE("ACCESS SHARE"),
    ROW_SHARE("ROW SHARE"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE"),
    SHARE("SHARE"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE"),
    EXCLUSIVE("EXCLUSIVE"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE");

    private final String sqlName;

    LockLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    /** Stronger than ROW EXCLUSIVE: blocks ordinary writes, so it must run under a lock timeout. */
    public boolean blocksWrites() {
        return compareTo(ROW_EXCLUSIVE) > 0;
    }
}
