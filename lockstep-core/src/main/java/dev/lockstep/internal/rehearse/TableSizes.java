package dev.lockstep.internal.rehearse;

import dev.lockstep.RehearsalResult.TableSize;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The tables a migration names, and how big they are in a database: estimated rows and total bytes. */
final class TableSizes {
    private TableSizes() {
    }

    /** The tables the up script's statements name, as written, in order of first mention. */
    static Set<String> named(ResolvedMigration m) {
        Set<String> tables = new LinkedHashSet<>();
        for (SqlStatement s : new StatementSplitter().split(m.up().text()).statements()) {
            tables.addAll(s.info().tables());
        }
        return tables;
    }

    /**
     * Sizes of the tables that exist. With {@code analyze}, a table never analyzed (just restored) is
     * analyzed first, so that its row estimate is real.
     */
    static List<TableSize> of(Connection c, Set<String> tables, boolean analyze) throws SQLException {
        List<TableSize> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid::regclass::text, c.reltuples::bigint, "
                + "pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            for (String table : tables) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    String name = rs.getString(1);
                    long rows = rs.getLong(2);
                    if (rows < 0 && analyze) {
                        try (Statement st = c.createStatement()) {
                            st.execute("ANALYZE " + name);
                        }
                        out.addAll(of(c, Set.of(table), false));
                        continue;
                    }
                    out.add(new TableSize(name, rows < 0 ? null : rows, rs.getLong(3)));
                }
            }
        }
        return out;
    }
}
