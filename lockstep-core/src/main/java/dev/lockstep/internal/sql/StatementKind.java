package dev.lockstep.internal.sql;

import static dev.lockstep.internal.sql.LockLevel.ACCESS_EXCLUSIVE;
import static dev.lockstep.internal.sql.LockLevel.ACCESS_SHARE;
import static dev.lockstep.internal.sql.LockLevel.EXCLUSIVE;
import static dev.lockstep.internal.sql.LockLevel.NONE;
import static dev.lockstep.internal.sql.LockLevel.ROW_EXCLUSIVE;
import static dev.lockstep.internal.sql.LockLevel.SHARE;
import static dev.lockstep.internal.sql.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.lockstep.internal.sql.LockLevel.SHARE_UPDATE_EXCLUSIVE;

/**
 * What a statement does, as far as running it safely is concerned. This is the one data table of
 * which statements may run inside a transaction block and which lock each takes on its table.
 */
public enum StatementKind {
    // kind                         transactional  lock on its table
    CREATE_TABLE(true, NONE),
    CREATE_TABLE_AS(true, ACCESS_SHARE),
    ALTER_TABLE(true, ACCESS_EXCLUSIVE),
    ALTER_TABLE_VALIDATE_CONSTRAINT(true, SHARE_UPDATE_EXCLUSIVE),
    ALTER_TABLE_ADD_FOREIGN_KEY(true, SHARE_ROW_EXCLUSIVE),
    ALTER_TABLE_SET_STATISTICS(true, SHARE_UPDATE_EXCLUSIVE),
    ALTER_TABLE_ATTACH_PARTITION(true, SHARE_UPDATE_EXCLUSIVE),
    ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY(false, SHARE_UPDATE_EXCLUSIVE),
    ALTER_TABLE_TRIGGER(true, SHARE_ROW_EXCLUSIVE),
    DROP_TABLE(true, ACCESS_EXCLUSIVE),
    TRUNCATE(true, ACCESS_EXCLUSIVE),
    CREATE_INDEX(true, SHARE),
    CREATE_INDEX_CONCURRENTLY(false, SHARE_UPDATE_EXCLUSIVE),
    DROP_INDEX(true, ACCESS_EXCLUSIVE),
    DROP_INDEX_CONCURRENTLY(false, SHARE_UPDATE_EXCLUSIVE),
    REINDEX(true, ACCESS_EXCLUSIVE),
    REINDEX_CONCURRENTLY(false, SHARE_UPDATE_EXCLUSIVE),
    /** REINDEX DATABASE and REINDEX SYSTEM cannot run in a transaction block. */
    REINDEX_DATABASE(false, ACCESS_EXCLUSIVE),
    CREATE_TRIGGER(true, SHARE_ROW_EXCLUSIVE),
    DROP_TRIGGER(true, ACCESS_EXCLUSIVE),
    CREATE_POLICY(true, ACCESS_EXCLUSIVE),
    ALTER_POLICY(true, ACCESS_EXCLUSIVE),
    DROP_POLICY(true, ACCESS_EXCLUSIVE),
    CREATE_RULE(true, ACCESS_EXCLUSIVE),
    CREATE_VIEW(true, NONE),
    CREATE_MATERIALIZED_VIEW(true, ACCESS_SHARE),
    REFRESH_MATERIALIZED_VIEW(true, ACCESS_EXCLUSIVE),
    REFRESH_MATERIALIZED_VIEW_CONCURRENTLY(true, EXCLUSIVE),
    CREATE_FUNCTION(true, NONE),
    CREATE_PROCEDURE(true, NONE),
    CREATE_TYPE(true, NONE),
    ALTER_TYPE(true, NONE),
    /** Before PostgreSQL 12 it could not run in a transaction; since then the new value cannot be used in it. */
    ALTER_TYPE_ADD_VALUE(true, NONE),
    CREATE_SCHEMA(true, NONE),
    CREATE_SEQUENCE(true, NONE),
    CREATE_EXTENSION(true, NONE),
    CREATE_OTHER(true, NONE),
    ALTER_OTHER(true, NONE),
    DROP_OTHER(true, ACCESS_EXCLUSIVE),
    COMMENT(true, SHARE_UPDATE_EXCLUSIVE),
    GRANT(true, NONE),
    INSERT(true, ROW_EXCLUSIVE),
    UPDATE(true, ROW_EXCLUSIVE),
    DELETE(true, ROW_EXCLUSIVE),
    MERGE(true, ROW_EXCLUSIVE),
    SELECT(true, ACCESS_SHARE),
    COPY_FROM_STDIN(true, ROW_EXCLUSIVE),
    COPY(true, ROW_EXCLUSIVE),
    LOCK_TABLE(true, ACCESS_EXCLUSIVE),
    DO_BLOCK(true, NONE),
    CALL(true, NONE),
    SET(true, NONE),
    ANALYZE(true, SHARE_UPDATE_EXCLUSIVE),
    VACUUM(false, SHARE_UPDATE_EXCLUSIVE),
    VACUUM_FULL(false, ACCESS_EXCLUSIVE),
    CLUSTER(true, ACCESS_EXCLUSIVE),
    /** CLUSTER without a table name reclusters every table and cannot run in a transaction block. */
    CLUSTER_ALL(false, ACCESS_EXCLUSIVE),
    CREATE_DATABASE(false, NONE),
    DROP_DATABASE(false, NONE),
    CREATE_TABLESPACE(false, NONE),
    DROP_TABLESPACE(false, NONE),
    ALTER_SYSTEM(false, NONE),
    CREATE_SUBSCRIPTION(false, NONE),
    DROP_SUBSCRIPTION(false, NONE),
    ALTER_SUBSCRIPTION(false, NONE),
    COMMIT_PREPARED(false, NONE),
    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT and the like: Lockstep owns the transaction. */
    TRANSACTION_CONTROL(true, NONE),
    OTHER(true, NONE);

    private final boolean transactional;
    private final LockLevel lock;
    private final boolean alterTable;

    StatementKind(boolean transactional, LockLevel lock) {
        this.transactional = transactional;
        this.lock = lock;
        this.alterTable = name().startsWith("ALTER_TABLE");
    }

    /** Whether this is a kind of ALTER TABLE: the statements that have actions (ADD COLUMN, SET NOT NULL...). */
    public boolean alterTable() {
        return alterTable;
    }

    /** Whether the statement may run inside a transaction block. */
    public boolean transactional() {
        return transactional;
    }

    /** The table-level lock the statement takes on the table it names. */
    public LockLevel lock() {
        return lock;
    }

    public boolean isConcurrentIndexBuild() {
        return this == CREATE_INDEX_CONCURRENTLY || this == REINDEX_CONCURRENTLY;
    }
}
