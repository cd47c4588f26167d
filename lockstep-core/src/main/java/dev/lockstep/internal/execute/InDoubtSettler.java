package dev.lockstep.internal.execute;

import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Settles statements whose outcome is unknown, by looking at their effect. A runner can die after
 * sending a statement and before seeing its result, and the server may finish it anyway; a
 * {@code CREATE INDEX CONCURRENTLY} that failed leaves an INVALID index behind. This class makes sure
 * neither makes a re-run fail with "already exists" nor keeps an invalid index.
 */
final class InDoubtSettler {
    private static final Set<PgSqlState> DUPLICATES = Set.of(PgSqlState.DUPLICATE_TABLE, PgSqlState.DUPLICATE_OBJECT,
            PgSqlState.DUPLICATE_COLUMN, PgSqlState.DUPLICATE_SCHEMA, PgSqlState.DUPLICATE_FUNCTION);

    private final RunContext ctx;

    InDoubtSettler(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * For the statement that was in flight when the last run died: whether its effect is already
     * there. Waits while another backend still runs it.
     */
    boolean alreadyDone(Connection c, SqlStatement s, PreparedScript script) throws SQLException {
        waitWhileRunningElsewhere(c, s, script);
        StatementKind kind = s.info().kind();
        if (kind == StatementKind.CREATE_INDEX_CONCURRENTLY || kind == StatementKind.CREATE_INDEX) {
            Boolean valid = indexValid(c, s);
            if (Boolean.TRUE.equals(valid)) {
                ctx.listener().notice("index " + s.info().indexName() + " from " + script.location(s.offset())
                        + " was built by the interrupted run and is valid; not building it again");
                return true;
            }
            return false;
        }
        if (kind == StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY && PendingDetach.detached(c, s)) {
            ctx.listener().notice("partition " + PendingDetach.partition(s) + " from " + script.location(s.offset())
                    + " was detached by the interrupted run; not detaching it again");
            return true;
        }
        if (kind == StatementKind.DROP_INDEX_CONCURRENTLY && s.info().indexName() != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                ps.setString(1, s.info().indexName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
        return false;
    }

    /** Before a concurrent build: an INVALID index of the same name is a leftover of a failed build; drop it. */
    void clearInvalidIndex(Connection c, SqlStatement s) throws SQLException {
        if (s.info().kind() == StatementKind.REINDEX_CONCURRENTLY) {
            dropReindexLeftovers(c, s);
            return;
        }
        if (s.info().kind() != StatementKind.CREATE_INDEX_CONCURRENTLY) {
            return;
        }
        if (Boolean.FALSE.equals(indexValid(c, s))) {
            ctx.listener().notice("dropping invalid index " + s.info().indexName()
                    + " left by an earlier failed build before building it again");
            dropConcurrently(c, s);
        }
    }

    /** After a concurrent build succeeded: the index must be valid. */
    void checkIndexValid(Connection c, SqlStatement s, PreparedScript script) throws SQLException {
        if (s.info().kind() == StatementKind.CREATE_INDEX_CONCURRENTLY && Boolean.FALSE.equals(indexValid(c, s))) {
            dropConcurrently(c, s);
            throw new SQLException("index " + s.info().indexName() + " built at " + script.location(s.offset())
                    + " is INVALID (the build did not complete); it was dropped");
        }
    }

    /** After a concurrent build failed: drop what it left, so that nothing invalid stays behind. */
    void dropInvalidAfterFailure(Connection c, SqlStatement s) {
        try {
            clearInvalidIndex(c, s);
        } catch (SQLException e) {
            ctx.listener().notice("could not drop the invalid index " + s.info().indexName() + ": " + e.getMessage()
                    + " (the next run drops it before building)");
        }
    }

    /**
     * A failed REINDEX CONCURRENTLY leaves INVALID indexes named {@code <index>_ccnew} (the new copy, when
     * it failed before the swap; {@code _ccnew1}, ... for more) or {@code <index>_ccold} (the old one, when
     * it failed after): they slow down every write until dropped, and a rebuild does not reuse them. Only
     * those on the reindexed index's or table's relations are dropped: another session's REINDEX may be
     * building its own copy elsewhere right now.
     */
    private void dropReindexLeftovers(Connection c, SqlStatement s) throws SQLException {
        String[] target = reindexTarget(s);
        String scope = switch (target[0]) {
            case "INDEX" -> " AND x.indrelid = (SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass(?))";
            case "TABLE" -> " AND x.indrelid IN (SELECT oid FROM pg_class WHERE oid = to_regclass(?) "
                    + "UNION SELECT reltoastrelid FROM pg_class WHERE oid = to_regclass(?))";
            default -> "";
        };
        String sql = "SELECT quote_ident(n.nspname) || '.' || quote_ident(i.relname) FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace "
                + "WHERE NOT x.indisvalid AND i.relname ~ '_cc(new|old)[0-9]*$'" + scope;
        List<String> leftovers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 1; p <= ps.getParameterMetaData().getParameterCount(); p++) {
                ps.setString(p, target[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    leftovers.add(rs.getString(1));
                }
            }
        }
        for (String index : leftovers) {
            ctx.listener().notice("dropping invalid index " + index + " left by a failed REINDEX CONCURRENTLY");
            try (Statement st = c.createStatement()) {
                st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            }
        }
    }

    /** What a REINDEX ... CONCURRENTLY names: {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM, name as written}. */
    static String[] reindexTarget(SqlStatement s) {
        List<String> w = s.words();
        int at = 1;
        if (at < w.size() && w.get(at).equals("(")) {
            while (at < w.size() && !w.get(at).equals(")")) {
                at++;
            }
            at++;
        }
        String what = at < w.size() ? w.get(at).toUpperCase(Locale.ROOT) : "";
        int name = at + 1;
        if (name < w.size() && w.get(name).equalsIgnoreCase("CONCURRENTLY")) {
            name++;
        }
        StringBuilder sb = new StringBuilder(name < w.size() ? w.get(name) : "");
        for (int j = name + 1; j + 1 < w.size() && w.get(j).equals("."); j += 2) {
            sb.append('.').append(w.get(j + 1));
        }
        return new String[] {what, sb.toString()};
    }

    /** A re-run of an in-doubt CREATE or ADD that finds its object already there did that work itself. */
    boolean isOwnEarlierWork(SqlStatement s, SQLException e) {
        String first = s.words().isEmpty() ? "" : s.words().get(0).toUpperCase(Locale.ROOT);
        boolean creates = first.equals("CREATE") || s.info().kind() == StatementKind.ALTER_TABLE;
        return creates && DUPLICATES.stream().anyMatch(d -> d.matches(e));
    }

    /** TRUE valid, FALSE invalid, null when the index does not exist or has no name. */
    private Boolean indexValid(Connection c, SqlStatement s) throws SQLException {
        String name = s.info().indexName();
        if (name == null || s.info().tables().isEmpty()) {
            return null;
        }
        String sql = "SELECT ix.indisvalid FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
                + "WHERE ix.indrelid = to_regclass(?) AND i.relname = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.info().tables().get(0));
            ps.setString(2, unquote(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private void dropConcurrently(Connection c, SqlStatement s) throws SQLException {
        String sql = "SELECT quote_ident(n.nspname) FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE t.oid = to_regclass(?)";
        String schema;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.info().tables().get(0));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                schema = rs.getString(1);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + schema + "." + Identifiers.quote(unquote(s.info().indexName())));
        }
    }

    private void waitWhileRunningElsewhere(Connection c, SqlStatement s, PreparedScript script) throws SQLException {
        String sql = "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query = ?";
        long waitedMs = 0;
        while (true) {
            Integer pid = null;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, s.sql());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        pid = rs.getInt(1);
                    }
                }
            }
            if (pid == null) {
                return;
            }
            if (waitedMs % 10_000 == 0) {
                ctx.listener().notice("the interrupted run's statement at " + script.location(s.offset())
                        + " is still running in pid " + pid + "; waiting for it to finish");
            }
            ctx.sleeper().sleep(500);
            waitedMs += 500;
        }
    }

    static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
