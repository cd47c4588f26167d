package dev.lockstep.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides a statement's {@link StatementKind}, the tables it names and, for index statements, the
 * index name, from its significant tokens. Pure: no database, no raw-text matching.
 */
public final class StatementClassifier {
    private static final Set<String> TRANSACTION_WORDS =
            Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE");
    private static final Set<String> TABLE_MODIFIERS =
            Set.of("TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL");

    public StatementInfo classify(List<String> tokens) {
        Words w = new Words(tokens);
        String first = w.upper(0);
        return switch (first) {
            case "CREATE" -> create(w);
            case "ALTER" -> alter(w);
            case "DROP" -> drop(w);
            case "REINDEX" -> reindex(w);
            case "VACUUM" -> info(w.contains("FULL") ? StatementKind.VACUUM_FULL : StatementKind.VACUUM);
            case "CLUSTER" -> cluster(w);
            case "INSERT", "MERGE" -> withTable(first.equals("INSERT") ? StatementKind.INSERT : StatementKind.MERGE,
                    w.nameAfter(w.indexOf("INTO")));
            case "UPDATE" -> withTable(StatementKind.UPDATE, w.nameAfter(w.skip(1, "ONLY") - 1));
            case "DELETE" -> withTable(StatementKind.DELETE, w.nameAfter(w.skip(w.indexOf("FROM") + 1, "ONLY") - 1));
            case "WITH" -> withQuery(w);
            case "SELECT", "VALUES", "TABLE", "EXPLAIN", "SHOW" -> info(StatementKind.SELECT);
            case "COPY" -> copy(w);
            case "TRUNCATE" -> withTable(StatementKind.TRUNCATE, w.nameAfter(w.skip(w.skip(1, "TABLE"), "ONLY") - 1));
            case "LOCK" -> withTable(StatementKind.LOCK_TABLE, w.nameAfter(w.skip(w.skip(1, "TABLE"), "ONLY") - 1));
            case "REFRESH" -> info(w.contains("CONCURRENTLY")
                    ? StatementKind.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY : StatementKind.REFRESH_MATERIALIZED_VIEW);
            case "DO" -> info(StatementKind.DO_BLOCK);
            case "CALL" -> info(StatementKind.CALL);
            case "SET", "RESET" -> info(StatementKind.SET);
            case "ANALYZE", "ANALYSE" -> info(StatementKind.ANALYZE);
            case "COMMENT" -> info(StatementKind.COMMENT);
            case "GRANT", "REVOKE" -> info(StatementKind.GRANT);
            case "PREPARE" -> info(w.is(1, "TRANSACTION") ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER);
            default -> transactionControl(w, first);
        };
    }

    private StatementInfo transactionControl(Words w, String first) {
        if ((first.equals("COMMIT") || first.equals("ROLLBACK")) && w.is(1, "PREPARED")) {
            return info(StatementKind.COMMIT_PREPARED);
        }
        return info(TRANSACTION_WORDS.contains(first) ? StatementKind.TRANSACTION_CONTROL : StatementKind.OTHER);
    }

    private StatementInfo create(Words w) {
        int at = 1;
        if (w.is(at, "OR") && w.is(at + 1, "REPLACE")) {
            at += 2;
        }
        while (TABLE_MODIFIERS.contains(w.upper(at)) || w.is(at, "RECURSIVE") || w.is(at, "CONSTRAINT")
                || w.is(at, "TRUSTED") || w.is(at, "PROCEDURAL")) {
            at++;
        }
        String what = w.upper(at);
        switch (what) {
            case "TABLE": {
                int nameAt = w.skipIfNotExists(at + 1);
                boolean as = false;
                for (int i = nameAt; i < w.size() - 1; i++) {
                    if (w.is(i, "AS") && Set.of("SELECT", "WITH", "VALUES", "TABLE", "EXECUTE").contains(w.upper(i + 1))) {
                        as = true;
                    }
                }
                return new StatementInfo(as ? StatementKind.CREATE_TABLE_AS : StatementKind.CREATE_TABLE,
                        as ? LockLevel.ACCESS_SHARE : LockLevel.NONE, w.names(nameAt), null, nameAt > at + 1);
            }
            case "UNIQUE":
            case "INDEX":
                return createIndex(w, what.equals("UNIQUE") ? at + 1 : at);
            case "TRIGGER":
                return withTable(StatementKind.CREATE_TRIGGER, w.nameAfter(w.indexOf("ON")));
            case "POLICY":
                return withTable(StatementKind.CREATE_POLICY, w.nameAfter(w.indexOf("ON")));
            case "RULE":
                return withTable(StatementKind.CREATE_RULE, w.nameAfter(w.indexOf("TO")));
            case "VIEW":
                return info(StatementKind.CREATE_VIEW);
            case "MATERIALIZED":
                return info(StatementKind.CREATE_MATERIALIZED_VIEW);
            case "FUNCTION":
            case "AGGREGATE":
                return info(StatementKind.CREATE_FUNCTION);
            case "PROCEDURE":
                return info(StatementKind.CREATE_PROCEDURE);
            case "TYPE":
            case "DOMAIN":
                return info(StatementKind.CREATE_TYPE);
            case "SCHEMA":
                return info(StatementKind.CREATE_SCHEMA);
            case "SEQUENCE":
                return info(StatementKind.CREATE_SEQUENCE);
            case "EXTENSION":
                return info(StatementKind.CREATE_EXTENSION);
            case "DATABASE":
                return info(StatementKind.CREATE_DATABASE);
            case "TABLESPACE":
                return info(StatementKind.CREATE_TABLESPACE);
            case "SUBSCRIPTION":
                return info(StatementKind.CREATE_SUBSCRIPTION);
            default:
                return info(StatementKind.CREATE_OTHER);
        }
    }

    private StatementInfo createIndex(Words w, int indexWord) {
        int at = indexWord + 1;
        boolean concurrently = w.is(at, "CONCURRENTLY");
        if (concurrently) {
            at++;
        }
        int afterIfNotExists = w.skipIfNotExists(at);
        boolean ifNotExists = afterIfNotExists > at;
        at = afterIfNotExists;
        String indexName = w.is(at, "ON") ? null : w.nameAt(at);
        String table = w.nameAfter(w.skip(w.indexOf("ON") + 1, "ONLY") - 1);
        StatementKind kind = concurrently ? StatementKind.CREATE_INDEX_CONCURRENTLY : StatementKind.CREATE_INDEX;
        return new StatementInfo(kind, kind.lock(), table == null ? List.of() : List.of(table), indexName, ifNotExists);
    }

    private StatementInfo alter(Words w) {
        String what = w.upper(1);
        switch (what) {
            case "TABLE": {
                int nameAt = w.skip(w.skipIfExists(2), "ONLY");
                String table = w.nameAt(nameAt);
                return withTable(alterTableKind(w, nameAt), table);
            }
            case "TYPE":
                return info(w.contains("ADD") && w.contains("VALUE") ? StatementKind.ALTER_TYPE_ADD_VALUE
                        : StatementKind.ALTER_TYPE);
            case "SYSTEM":
                return info(StatementKind.ALTER_SYSTEM);
            case "SUBSCRIPTION":
                return info(StatementKind.ALTER_SUBSCRIPTION);
            case "POLICY":
                return withTable(StatementKind.ALTER_POLICY, w.nameAfter(w.indexOf("ON")));
            default:
                return info(StatementKind.ALTER_OTHER);
        }
    }

    private static StatementKind alterTableKind(Words w, int nameAt) {
        if (w.contains("DETACH") && w.contains("CONCURRENTLY")) {
            return StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY;
        }
        if (w.containsTopLevelComma(nameAt)) {
            return StatementKind.ALTER_TABLE;
        }
        int action = nameAt + w.nameLength(nameAt);
        String verb = w.upper(action);
        if (verb.equals("VALIDATE")) {
            return StatementKind.ALTER_TABLE_VALIDATE_CONSTRAINT;
        }
        if (verb.equals("ATTACH")) {
            return StatementKind.ALTER_TABLE_ATTACH_PARTITION;
        }
        if ((verb.equals("ENABLE") || verb.equals("DISABLE")) && w.is(action + 1, "TRIGGER")) {
            return StatementKind.ALTER_TABLE_TRIGGER;
        }
        if (verb.equals("ADD") && w.contains("FOREIGN") && !w.contains("COLUMN")) {
            return StatementKind.ALTER_TABLE_ADD_FOREIGN_KEY;
        }
        if (verb.equals("ALTER") && w.contains("STATISTICS")) {
            return StatementKind.ALTER_TABLE_SET_STATISTICS;
        }
        return StatementKind.ALTER_TABLE;
    }

    private StatementInfo drop(Words w) {
        String what = w.upper(1);
        switch (what) {
            case "TABLE": {
                int at = w.skipIfExists(2);
                return new StatementInfo(StatementKind.DROP_TABLE, LockLevel.ACCESS_EXCLUSIVE, w.names(at), null, false);
            }
            case "INDEX": {
                boolean concurrently = w.is(2, "CONCURRENTLY");
                int at = w.skipIfExists(concurrently ? 3 : 2);
                StatementKind kind = concurrently ? StatementKind.DROP_INDEX_CONCURRENTLY : StatementKind.DROP_INDEX;
                return new StatementInfo(kind, kind.lock(), List.of(), w.nameAt(at), false);
            }
            case "TRIGGER":
                return withTable(StatementKind.DROP_TRIGGER, w.nameAfter(w.indexOf("ON")));
            case "POLICY":
                return withTable(StatementKind.DROP_POLICY, w.nameAfter(w.indexOf("ON")));
            case "DATABASE":
                return info(StatementKind.DROP_DATABASE);
            case "TABLESPACE":
                return info(StatementKind.DROP_TABLESPACE);
            case "SUBSCRIPTION":
                return info(StatementKind.DROP_SUBSCRIPTION);
            default:
                return new StatementInfo(StatementKind.DROP_OTHER, LockLevel.NONE, List.of(), null, false);
        }
    }

    private StatementInfo reindex(Words w) {
        if (w.contains("CONCURRENTLY")) {
            return info(StatementKind.REINDEX_CONCURRENTLY);
        }
        if (w.contains("DATABASE") || w.contains("SYSTEM") || w.contains("SCHEMA")) {
            return info(StatementKind.REINDEX_DATABASE);
        }
        return info(StatementKind.REINDEX);
    }

    private StatementInfo cluster(Words w) {
        int at = w.is(1, "(") ? w.closingParen(1) + 1 : w.skip(1, "VERBOSE");
        return at >= w.size() ? info(StatementKind.CLUSTER_ALL) : withTable(StatementKind.CLUSTER, w.nameAt(at));
    }

    private StatementInfo copy(Words w) {
        int from = w.indexOf("FROM");
        if (from >= 0 && (w.is(from + 1, "STDIN") || w.is(from + 1, "PSTDIN"))) {
            return withTable(StatementKind.COPY_FROM_STDIN, w.nameAt(1));
        }
        return withTable(StatementKind.COPY, w.is(1, "(") ? null : w.nameAt(1));
    }

    private StatementInfo withQuery(Words w) {
        int depth = 0;
        for (int i = 1; i < w.size(); i++) {
            String word = w.upper(i);
            if (word.equals("(")) {
                depth++;
            } else if (word.equals(")")) {
                depth--;
            } else if (depth == 0 && Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT").contains(word)) {
                List<String> rest = new ArrayList<>();
                for (int j = i; j < w.size(); j++) {
                    rest.add(w.raw(j));
                }
                return classify(rest);
            }
        }
        return info(StatementKind.SELECT);
    }

    private static StatementInfo info(StatementKind kind) {
        return new StatementInfo(kind, kind.lock(), List.of(), null, false);
    }

    private static StatementInfo withTable(StatementKind kind, String table) {
        return new StatementInfo(kind, kind.lock(), table == null ? List.of() : List.of(table), null, false);
    }

    static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
