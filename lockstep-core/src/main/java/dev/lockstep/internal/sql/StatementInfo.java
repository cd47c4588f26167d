package dev.lockstep.internal.sql;

import java.util.List;

/**
 * What the classifier knows of a statement: its kind, whether it may run in a transaction, the lock
 * it takes, the tables it names (as written, possibly schema-qualified) and, for index statements,
 * the index name.
 */
public record StatementInfo(StatementKind kind, LockLevel lock, List<String> tables, String indexName,
                            boolean ifNotExists) {

    public boolean transactional() {
        return kind.transactional();
    }
}
