package dev.lockstep.internal.inspect;

import dev.lockstep.internal.inspect.ObjectBuilder.Part;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.snapshot.ObjectKind;
import dev.lockstep.internal.snapshot.SchemaObject;
import dev.lockstep.internal.snapshot.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's schema from its catalogs into a {@link Snapshot}: schemas, extensions, enums,
 * domains, composite and range types, sequences, tables (columns with type, default, nullability,
 * identity, generation and collation; constraints with their validity; indexes with theirs; triggers;
 * policies and row-level security), views and materialized views, functions, procedures and aggregates
 * (signature and body), owners, grants, default privileges and comments. The history schema, the system
 * schemas and the members of extensions are left out. All of it in one read-only snapshot of the database.
 */
public final class CatalogReader {
    private final String historySchema;

    public CatalogReader(String historySchema) {
        this.historySchema = historySchema;
    }

    public Snapshot read(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Snapshot s = readAll(c);
            c.commit();
            return s;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private Snapshot readAll(Connection c) throws SQLException {
        String role;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CatalogSql.ROLE)) {
            rs.next();
            role = rs.getString(1);
        }
        List<ObjectBuilder> objects = new ArrayList<>();
        Map<Long, ObjectBuilder> relations = new HashMap<>();
        Map<Long, ObjectBuilder> types = new HashMap<>();
        Map<Long, ObjectBuilder> composites = new HashMap<>();
        query(c, CatalogSql.SCHEMAS, rs -> objects.add(new ObjectBuilder(ObjectKind.SCHEMA, rs.getString(1))
                .put(Part.OWNER, "owner", rs.getString(2)).put(Part.COMMENT, "comment", rs.getString(3))
                .grants("", rs.getString(4))));
        query(c, CatalogSql.EXTENSIONS, rs -> objects.add(new ObjectBuilder(ObjectKind.EXTENSION, rs.getString(1))
                .put(Part.DETAIL, "schema", rs.getString(2)).put(Part.DETAIL, "version", rs.getString(3))
                .put(Part.COMMENT, "comment", rs.getString(4))));
        query(c, CatalogSql.TYPES, rs -> {
            ObjectBuilder b = TypeRows.type(rs);
            objects.add(b);
            types.put(rs.getLong(1), b);
            if (b.kind == ObjectKind.TYPE) {
                composites.put(rs.getLong(13), b);
            }
        });
        query(c, CatalogSql.RELATIONS, rs -> {
            ObjectBuilder b = TableRows.relation(rs);
            objects.add(b);
            relations.put(rs.getLong(1), b);
        });
        query(c, CatalogSql.COLUMNS, rs -> {
            ObjectBuilder table = relations.get(rs.getLong(1));
            if (table != null) {
                TableRows.column(table, rs);
            } else if (composites.containsKey(rs.getLong(1))) {
                TypeRows.attribute(composites.get(rs.getLong(1)), rs);
            }
        });
        query(c, CatalogSql.CONSTRAINTS, rs -> {
            ObjectBuilder owner = rs.getLong(1) != 0 ? relations.get(rs.getLong(1)) : types.get(rs.getLong(2));
            if (owner != null) {
                String name = rs.getString(3);
                owner.put(Part.CONSTRAINT, "constraint " + name, rs.getString(4))
                        .put(Part.COMMENT, "constraint " + name + " comment", rs.getString(5));
            }
        });
        query(c, CatalogSql.INDEXES, rs -> {
            ObjectBuilder table = relations.get(rs.getLong(1));
            if (table != null) {
                String name = rs.getString(2);
                table.put(Part.INDEX, "index " + name, rs.getString(3) + (rs.getBoolean(4) ? "" : " (INVALID)"))
                        .put(Part.COMMENT, "index " + name + " comment", rs.getString(5));
            }
        });
        query(c, CatalogSql.TRIGGERS, rs -> {
            ObjectBuilder table = relations.get(rs.getLong(1));
            if (table != null) {
                TableRows.trigger(table, rs);
            }
        });
        query(c, CatalogSql.POLICIES, rs -> {
            ObjectBuilder table = relations.get(rs.getLong(1));
            if (table != null) {
                TableRows.policy(table, rs);
            }
        });
        query(c, CatalogSql.SEQUENCES, rs -> objects.add(TypeRows.sequence(rs)));
        query(c, CatalogSql.functions(Server.majorVersion(c)), rs -> objects.add(TypeRows.function(rs)));
        query(c, CatalogSql.DEFAULT_PRIVILEGES, rs -> objects.add(TypeRows.defaultPrivileges(rs)));
        List<SchemaObject> built = new ArrayList<>(objects.size());
        for (ObjectBuilder b : objects) {
            built.add(b.build());
        }
        return new Snapshot(role, built);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, historySchema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /** A comma-separated list sorted, so that the order a catalog happens to keep does not count. */
    static String sorted(String list) {
        if (list == null) {
            return null;
        }
        String[] items = list.split(", ");
        Arrays.sort(items);
        return String.join(", ", items);
    }
}
