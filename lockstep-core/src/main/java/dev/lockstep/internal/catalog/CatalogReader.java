package dev.lockstep.internal.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.CatalogFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link CatalogFingerprint} of the database a connection is on: the objects with one query
 * ({@code objects.sql}), then an exact {@code count(*)} of every table, a hundred tables a query. On a
 * connection in autocommit it reads in one repeatable-read, read-only transaction of its own; inside the
 * caller's transaction (a backup's exported snapshot) it reads in that one. Rows are counted with row
 * security off, as pg_dump dumps them: a role that row-level security would filter gets an error, never
 * a smaller count.
 */
public final class CatalogReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> ATTRS = new TypeReference<>() { };
    private static final int TABLES_PER_QUERY = 100;
    private static final String OBJECTS = resource("objects.sql");
    private static final String TABLES = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND c.relpersistence <> 't' "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.deptype = 'e') ORDER BY 1";

    private CatalogReader() {
    }

    public static CatalogFingerprint read(Connection c) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('row_security', 'off', true)");
            Map<String, Map<String, String>> objects = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery(OBJECTS)) {
                while (rs.next()) {
                    objects.put(rs.getString(1), attributes(rs.getString(2)));
                }
            }
            return new CatalogFingerprint(objects, rows(st));
        } finally {
            if (own) {
                c.rollback();
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    private static Map<String, Long> rows(Statement st) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int from = 0; from < tables.size(); from += TABLES_PER_QUERY) {
            List<String> chunk = tables.subList(from, Math.min(tables.size(), from + TABLES_PER_QUERY));
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", count(*) FROM ")
                        .append(chunk.get(i));
            }
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                while (rs.next()) {
                    rows.put(chunk.get(rs.getInt(1)), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    private static Map<String, String> attributes(String json) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JSON.readValue(json, ATTRS).forEach((k, v) -> out.put(k, String.valueOf(v)));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("the catalog query returned a value that is not a JSON object: " + json, e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = CatalogReader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
