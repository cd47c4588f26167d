package dev.lockstep.internal.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One row of a catalog query, read in full, columns numbered from 1 as in JDBC. */
record Row(Object[] values) {

    String text(int column) {
        Object v = values[column - 1];
        return v == null ? null : v.toString();
    }

    long number(int column) {
        Object v = values[column - 1];
        return v == null ? 0 : ((Number) v).longValue();
    }

    boolean flag(int column) {
        return Boolean.TRUE.equals(values[column - 1]);
    }

    /** Every row of a catalog query; its one parameter is the schema left out (the history schema). */
    static List<Row> all(Connection c, String sql, String excluded) throws SQLException {
        return all(c, sql, excluded, 1, 0);
    }

    /** Every row of a catalog query about tables: those whose oid modulo {@code modulus} is {@code part}. */
    static List<Row> all(Connection c, String sql, String excluded, int modulus, int part) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, excluded);
            if (sql.indexOf('?') != sql.lastIndexOf('?')) {
                ps.setInt(2, modulus);
                ps.setInt(3, part);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] v = new Object[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = rs.getObject(i + 1);
                    }
                    out.add(new Row(v));
                }
            }
        }
        return out;
    }
}
