package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.LockLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * The table-level locks a statement takes, on every object it locks: the classifier's lock on its
 * table, plus what the classifier does not name (the referenced table of a foreign key, the partition
 * of ATTACH/DETACH, the index and table of REINDEX, the view of REFRESH, the mode of LOCK TABLE).
 */
final class StatementLocks {
    private StatementLocks() {
    }

    static List<HeldLock> of(LintStatement s) {
        List<HeldLock> out = new ArrayList<>();
        switch (s.kind()) {
            case REINDEX, REINDEX_CONCURRENTLY, REINDEX_DATABASE -> reindex(s, out);
            case REFRESH_MATERIALIZED_VIEW, REFRESH_MATERIALIZED_VIEW_CONCURRENTLY ->
                    add(out, s.lock(), s.nameAfter(s.indexOf("VIEW", 0)));
            case VACUUM_FULL -> {
                String table = vacuumTable(s);
                add(out, LockLevel.ACCESS_EXCLUSIVE, table != null ? table : "every table of the database");
            }
            case LOCK_TABLE -> add(out, lockTableMode(s), s.tables().isEmpty() ? null : s.tables().get(0));
            case DROP_INDEX -> add(out, LockLevel.ACCESS_EXCLUSIVE, "the table of index " + s.statement().info().indexName());
            case DROP_INDEX_CONCURRENTLY -> add(out, LockLevel.SHARE_UPDATE_EXCLUSIVE, "the table of index "
                    + s.statement().info().indexName());
            case CLUSTER_ALL -> add(out, LockLevel.ACCESS_EXCLUSIVE, "every clustered table");
            default -> {
                if (!s.tables().isEmpty()) {
                    add(out, s.lock(), s.tables().get(0));
                }
            }
        }
        references(s, out);
        partitions(s, out);
        return List.copyOf(out);
    }

    private static void reindex(LintStatement s, List<HeldLock> out) {
        int at = 1;
        if (s.tok(at) != null && s.tok(at).isPunct("(")) {
            at = s.closing(at) + 1;
        }
        String what = s.tok(at) == null ? "" : s.tok(at).upper();
        String name = s.nameAfter(at);
        boolean concurrently = s.hasSequence("CONCURRENTLY");
        LockLevel table = concurrently ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.SHARE;
        LockLevel index = concurrently ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE;
        switch (what) {
            case "INDEX" -> {
                add(out, table, "the table of index " + name);
                add(out, index, "index " + name);
            }
            case "TABLE" -> {
                add(out, table, name);
                add(out, index, "the indexes of " + name);
            }
            case "SCHEMA" -> {
                add(out, table, "every table of schema " + name);
                add(out, index, "their indexes");
            }
            default -> {
                add(out, table, "every table of the database");
                add(out, index, "their indexes");
            }
        }
    }

    /** The table of {@code VACUUM FULL [options] table}, or null for the whole database. */
    private static String vacuumTable(LintStatement s) {
        int at = 1;
        if (s.tok(at) != null && s.tok(at).isPunct("(")) {
            at = s.closing(at) + 1;
        }
        while (s.tok(at) != null && java.util.Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")
                .contains(s.tok(at).upper())) {
            at++;
        }
        return s.nameAfter(at - 1);
    }

    private static LockLevel lockTableMode(LintStatement s) {
        int in = s.indexOf("IN", 1);
        int mode = s.indexOf("MODE", in);
        if (in < 0 || mode < 0) {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
        StringBuilder name = new StringBuilder();
        for (int i = in + 1; i < mode; i++) {
            name.append(i > in + 1 ? "_" : "").append(s.tok(i).upper());
        }
        try {
            return LockLevel.valueOf(name.toString());
        } catch (IllegalArgumentException e) {
            return LockLevel.ACCESS_EXCLUSIVE;
        }
    }

    /** A foreign key locks the referenced table too (SHARE ROW EXCLUSIVE), in ALTER TABLE and CREATE TABLE. */
    private static void references(LintStatement s, List<HeldLock> out) {
        boolean ddl = s.kind().alterTable() || s.kind() == dev.lockstep.internal.sql.StatementKind.CREATE_TABLE;
        if (!ddl) {
            return;
        }
        for (int at = s.indexOf("REFERENCES", 0); at >= 0; at = s.indexOf("REFERENCES", at + 1)) {
            String table = s.nameAfter(at);
            if (table != null && !locksObject(out, table)) {
                add(out, LockLevel.SHARE_ROW_EXCLUSIVE, table);
            }
        }
    }

    /**
     * ATTACH PARTITION and DETACH PARTITION take ACCESS EXCLUSIVE on the partition; DETACH ... CONCURRENTLY
     * takes SHARE UPDATE EXCLUSIVE, and so did a plain DETACH before PostgreSQL 14.
     */
    private static void partitions(LintStatement s, List<HeldLock> out) {
        if (!s.kind().alterTable()) {
            return;
        }
        int at = s.sequenceAt(0, "PARTITION");
        boolean attachOrDetach = at > 0 && (s.is(at - 1, "ATTACH") || s.is(at - 1, "DETACH"));
        if (!attachOrDetach) {
            return;
        }
        boolean concurrently = s.hasSequence("CONCURRENTLY");
        if (s.is(at - 1, "DETACH") && !concurrently && !out.isEmpty()) {
            out.set(0, new HeldLock(LockLevel.ACCESS_EXCLUSIVE, out.get(0).object()));
        }
        boolean weak = concurrently || (s.is(at - 1, "DETACH") && s.pgVersion() < 14);
        add(out, weak ? LockLevel.SHARE_UPDATE_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE, s.nameAfter(at));
    }

    private static boolean locksObject(List<HeldLock> locks, String object) {
        for (HeldLock l : locks) {
            if (l.object().equals(object)) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<HeldLock> out, LockLevel mode, String object) {
        if (mode != LockLevel.NONE && object != null) {
            out.add(new HeldLock(mode, object));
        }
    }
}
