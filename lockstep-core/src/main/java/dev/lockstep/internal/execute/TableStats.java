package dev.lockstep.internal.execute;

import dev.lockstep.internal.lint.Names;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the catalog says of one table before a run: whether it exists, the planner's estimate of its
 * rows ({@code pg_class.reltuples}, -1 when never analyzed), its size on disk with TOAST
 * ({@code pg_table_size}) and its columns' types as {@code format_type} prints them. Read in one query
 * for every table a run names.
 *
 * @param checked columns whose type change PostgreSQL follows with a scan or an index build even without a
 *                rewrite: in a CHECK or foreign key (either side), or every column when the table has an index
 *                on an expression or with a WHERE clause
 */
public record TableStats(boolean exists, long rows, long bytes, Map<String, String> columns, Set<String> checked) {
    static final TableStats ABSENT = new TableStats(false, 0, 0);

    TableStats(boolean exists, long rows, long bytes) {
        this(exists, rows, bytes, Map.of(), Set.of());
    }

    /** The tables as written in the scripts, keyed by {@link Names#normalize}; one round trip. */
    static Map<String, TableStats> read(Connection c, Collection<String> written) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (String name : written) {
            if (resolvable(name)) {
                names.add(name);
            }
        }
        Map<String, TableStats> out = new TreeMap<>();
        if (names.isEmpty()) {
            return out;
        }
        String sql = "SELECT t, c.oid IS NOT NULL, coalesce(c.reltuples, -1)::float8, "
                + "CASE WHEN c.oid IS NULL THEN 0 ELSE pg_table_size(c.oid) END, "
                + "(SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid "
                + "AND a.attnum > 0 AND NOT a.attisdropped), "
                + "(SELECT array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_attribute a "
                + "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), "
                + "(SELECT array_agg(a.attname::text) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
                + "AND NOT a.attisdropped AND (EXISTS (SELECT 1 FROM pg_constraint k WHERE (k.conrelid = c.oid "
                + "AND k.contype IN ('c', 'f') AND a.attnum = ANY (k.conkey)) OR (k.confrelid = c.oid "
                + "AND a.attnum = ANY (k.confkey))) OR EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid "
                + "AND (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL)))) "
                + "FROM unnest(?::text[]) AS t LEFT JOIN pg_class c ON c.oid = to_regclass(t)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array array = c.createArrayOf("text", names.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(Names.normalize(rs.getString(1)), rs.getBoolean(2)
                            ? new TableStats(true, (long) rs.getDouble(3), rs.getLong(4), columns(rs), checked(rs))
                            : ABSENT);
                }
            }
        }
        return out;
    }

    private static Map<String, String> columns(ResultSet rs) throws SQLException {
        Array names = rs.getArray(5);
        Array types = rs.getArray(6);
        Map<String, String> out = new java.util.HashMap<>();
        if (names != null && types != null) {
            Object[] n = (Object[]) names.getArray();
            Object[] t = (Object[]) types.getArray();
            for (int i = 0; i < n.length && i < t.length; i++) {
                out.put((String) n[i], (String) t[i]);
            }
        }
        return Map.copyOf(out);
    }

    private static Set<String> checked(ResultSet rs) throws SQLException {
        Array names = rs.getArray(7);
        Set<String> out = new java.util.HashSet<>();
        if (names != null) {
            for (Object n : (Object[]) names.getArray()) {
                out.add((String) n);
            }
        }
        return Set.copyOf(out);
    }

    /** to_regclass raises an error (not NULL) for a name of more than two parts: leave those unjudged. */
    private static boolean resolvable(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        int dots = 0;
        boolean quoted = false;
        for (char ch : name.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                dots++;
            }
        }
        return dots <= 1 && !quoted;
    }

    /** {@code ~200000 rows, 9.8 MB}; the row estimate is left out when the table was never analyzed. */
    String describe() {
        return (rows >= 0 ? "~" + rows + " rows, " : "") + size(bytes);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v >= 100 ? String.valueOf(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " "
                + units[u];
    }
}
