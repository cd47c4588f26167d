package dev.lockstep.internal.inspect;

import dev.lockstep.internal.inspect.ObjectBuilder.Part;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.snapshot.ObjectKind;
import dev.lockstep.internal.snapshot.SchemaObject;
import dev.lockstep.internal.snapshot.Snapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reads a database's schema from its catalogs into a {@link Snapshot}: schemas, extensions, enums,
 * domains, composite and range types, sequences, tables (columns with type, default, nullability,
 * identity, generation and collation; constraints with their validity; indexes with theirs; triggers;
 * policies and row-level security), views and materialized views, functions, procedures and aggregates
 * (signature and body), owners, grants, default privileges and comments. The history schema, the system
 * schemas and the members of extensions are left out. All of it is read in one read-only snapshot of the
 * database; given a second connection, half of the tables (and what belongs to them) are read on it at
 * the same time, in the same exported snapshot.
 */
public final class CatalogReader {
    private final String historySchema;

    public CatalogReader(String historySchema) {
        this.historySchema = historySchema;
    }

    public Snapshot read(Connection c) throws SQLException {
        return read(c, (Supplier<Connection>) null);
    }

    /**
     * @param second opens another connection to the same database to share the work with (it is opened on
     *               another thread while this one reads, and left to its opener to close), or null
     */
    public Snapshot read(Connection c, Supplier<Connection> second) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        CompletableFuture<List<List<Row>>> otherHalf = null;
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String shared = second == null ? null : exported(c);
            if (second != null && shared == null) {
                // This server cannot share a snapshot (a failed statement ends the transaction): read alone.
                c.rollback();
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            if (shared != null) {
                otherHalf = CompletableFuture.supplyAsync(() -> otherHalf(second.get(), shared));
            }
            Snapshot s = readAll(c, otherHalf);
            c.commit();
            return s;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            if (otherHalf != null) {
                otherHalf.exceptionally(e -> null).join();
            }
            c.setAutoCommit(auto);
        }
    }

    /** The snapshot of {@code c}'s transaction, for another connection to read in; null when the server cannot. */
    private static String exported(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return null;
        }
    }

    /** The queries about tables and what belongs to them, for one part of the tables. */
    private static final List<String> TABLE_QUERIES = List.of(CatalogSql.RELATIONS, CatalogSql.COLUMNS,
            CatalogSql.CONSTRAINTS, CatalogSql.INDEXES, CatalogSql.TRIGGERS, CatalogSql.POLICIES);

    /** The rows of {@link #TABLE_QUERIES} for the tables whose oid modulo {@code modulus} is {@code part}. */
    private List<List<Row>> tables(Connection c, int modulus, int part) throws SQLException {
        List<List<Row>> out = new ArrayList<>();
        for (String sql : TABLE_QUERIES) {
            out.add(Row.all(c, sql, historySchema, modulus, part));
        }
        return out;
    }

    /** The other half of the tables, read on a second connection in the snapshot {@code id}. */
    private List<List<Row>> otherHalf(Connection helper, String id) {
        boolean auto = true;
        try {
            auto = helper.getAutoCommit();
            helper.setAutoCommit(false);
            try (Statement st = helper.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
            }
            List<List<Row>> out = tables(helper, 2, 1);
            helper.commit();
            return out;
        } catch (SQLException e) {
            try {
                helper.rollback();
            } catch (SQLException ignored) {
                // the first error is the one to report
            }
            throw new CompletionException(e);
        } finally {
            try {
                helper.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is closed with its session
            }
        }
    }

    private Snapshot readAll(Connection c, CompletableFuture<List<List<Row>>> otherHalf) throws SQLException {
        String role;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CatalogSql.ROLE)) {
            rs.next();
            role = rs.getString(1);
        }
        List<ObjectBuilder> objects = new ArrayList<>();
        Map<Long, ObjectBuilder> types = new HashMap<>();
        Map<Long, ObjectBuilder> composites = new HashMap<>();
        for (Row r : rows(c, CatalogSql.SCHEMAS)) {
            objects.add(new ObjectBuilder(ObjectKind.SCHEMA, r.text(1)).put(Part.OWNER, "owner", r.text(2))
                    .put(Part.COMMENT, "comment", r.text(3)).grants("", r.text(4)));
        }
        for (Row r : rows(c, CatalogSql.EXTENSIONS)) {
            objects.add(new ObjectBuilder(ObjectKind.EXTENSION, r.text(1)).put(Part.DETAIL, "schema", r.text(2))
                    .put(Part.DETAIL, "version", r.text(3)).put(Part.COMMENT, "comment", r.text(4)));
        }
        for (Row r : rows(c, CatalogSql.TYPES)) {
            ObjectBuilder b = TypeRows.type(r);
            objects.add(b);
            types.put(r.number(1), b);
            if (b.kind == ObjectKind.TYPE) {
                composites.put(r.number(13), b);
            }
        }
        for (Row r : rows(c, CatalogSql.SEQUENCES)) {
            objects.add(TypeRows.sequence(r));
        }
        for (Row r : rows(c, CatalogSql.functions(Server.majorVersion(c)))) {
            objects.add(TypeRows.function(r));
        }
        for (Row r : rows(c, CatalogSql.DEFAULT_PRIVILEGES)) {
            objects.add(TypeRows.defaultPrivileges(r));
        }
        List<List<List<Row>>> halves = otherHalf == null ? List.of(tables(c, 1, 0))
                : List.of(tables(c, 2, 0), join(otherHalf));
        Map<Long, ObjectBuilder> relations = new HashMap<>();
        for (List<List<Row>> half : halves) {
            for (Row r : half.get(0)) {
                ObjectBuilder b = TableRows.relation(r);
                objects.add(b);
                relations.put(r.number(1), b);
            }
        }
        for (List<List<Row>> half : halves) {
            attach(half, relations, types, composites);
        }
        List<SchemaObject> built = new ArrayList<>(objects.size());
        for (ObjectBuilder b : objects) {
            built.add(b.build());
        }
        return new Snapshot(role, built);
    }

    /** Columns, constraints, indexes, triggers and policies to the tables (and types) they belong to. */
    private static void attach(List<List<Row>> half, Map<Long, ObjectBuilder> relations, Map<Long, ObjectBuilder> types,
                               Map<Long, ObjectBuilder> composites) {
        for (Row r : half.get(1)) {
            ObjectBuilder table = relations.get(r.number(1));
            if (table != null) {
                TableRows.column(table, r);
            } else if (composites.containsKey(r.number(1))) {
                TypeRows.attribute(composites.get(r.number(1)), r);
            }
        }
        for (Row r : half.get(2)) {
            ObjectBuilder owner = r.number(1) != 0 ? relations.get(r.number(1)) : types.get(r.number(2));
            if (owner != null) {
                TableRows.constraint(owner, r);
            }
        }
        for (Row r : half.get(3)) {
            ObjectBuilder table = relations.get(r.number(1));
            if (table != null) {
                TableRows.index(table, r);
            }
        }
        for (Row r : half.get(4)) {
            ObjectBuilder table = relations.get(r.number(1));
            if (table != null) {
                TableRows.trigger(table, r);
            }
        }
        for (Row r : half.get(5)) {
            ObjectBuilder table = relations.get(r.number(1));
            if (table != null) {
                TableRows.policy(table, r);
            }
        }
    }

    private List<Row> rows(Connection c, String sql) throws SQLException {
        return Row.all(c, sql, historySchema);
    }

    private static List<List<Row>> join(CompletableFuture<List<List<Row>>> f) throws SQLException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            throw e;
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
