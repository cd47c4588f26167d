package dev.lockstep.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for a test class: one embedded server per test JVM, and a fresh database for each
 * class that registers this extension, dropped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestPostgres pg = new TestPostgres();
 * }</pre>
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String cls = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        database = "t_" + cls.replaceAll("[^a-z0-9]", "_") + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(SharedServer.jdbcUrl("postgres"));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(SharedServer.jdbcUrl("postgres"));
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The fresh database's name. */
    public String database() {
        return database;
    }

    public int port() {
        return SharedServer.server().getPort();
    }

    /** {@code jdbc:postgresql://localhost:PORT/DB?user=postgres}. */
    public String jdbcUrl() {
        return SharedServer.jdbcUrl(database);
    }

    /** {@code postgres://postgres@localhost:PORT/DB}. */
    public String url() {
        return "postgres://postgres@localhost:" + port() + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a query, each row as a list of column values as text. */
    public List<List<String>> query(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a query, as text (null for SQL NULL). */
    public String queryValue(String sql) {
        List<List<String>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }

    /** Empties the database between tests: drops every schema but the system ones, recreates public. */
    public void reset() {
        execute("DO $$ DECLARE s text; BEGIN "
                + "FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                + "AND nspname <> 'information_schema' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; "
                + "CREATE SCHEMA public; END $$");
    }

    /** Whether a table (optionally schema-qualified) exists. */
    public boolean tableExists(String name) {
        return "t".equals(queryValue("SELECT (to_regclass('" + name.replace("'", "''") + "') IS NOT NULL)::text::char"));
    }

    /** One server per JVM, started on first use and stopped when the JVM exits. */
    static final class SharedServer {
        private static EmbeddedPostgres server;

        static synchronized EmbeddedPostgres server() {
            if (server == null) {
                try {
                    server = EmbeddedPostgres.builder()
                            .setServerConfig("max_connections", "200")
                            .setDataDirectoryCustomizer(SharedServer::requirePasswords)
                            .start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
                }
            }
            return server;
        }

        /** The superuser logs in without a password; every other role needs its password (SCRAM). */
        private static void requirePasswords(java.io.File dataDirectory) {
            String hba = "local all all trust\n"
                    + "host all postgres 127.0.0.1/32 trust\n"
                    + "host all postgres ::1/128 trust\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n"
                    + "host all all ::1/128 scram-sha-256\n";
            try {
                java.nio.file.Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database + "?user=postgres";
        }
    }
}
