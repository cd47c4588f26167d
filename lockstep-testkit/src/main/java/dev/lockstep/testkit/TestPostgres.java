package dev.lockstep.testkit;

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
 * A real PostgreSQL for a test class: one embedded server per PostgreSQL version per test JVM, and a
 * fresh database for each class that registers this extension, dropped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestPostgres pg = new TestPostgres();            // the default version
 *
 * @RegisterExtension
 * static final TestPostgres pg17 = TestPostgres.version(17);    // PostgreSQL 17
 * }</pre>
 *
 * <p>Which version {@code new TestPostgres()} runs: the test class's {@link PostgresVersion}, else the
 * system property {@value #VERSION_PROPERTY} (e.g. {@code mvn verify -Dlockstep.test.postgres=17} runs
 * the whole suite on 17), else the binaries on the class path. Versions other than the class path's are
 * read from the jars the build copies to {@code target/pg-binaries}.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {
    /** The system property that selects the PostgreSQL major version of every test that names none. */
    public static final String VERSION_PROPERTY = "lockstep.test.postgres";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Integer requested;
    private Integer major;
    private String database;

    /** The version of the test class's {@link PostgresVersion}, else of {@value #VERSION_PROPERTY}, else the class path's. */
    public TestPostgres() {
        this(null);
    }

    private TestPostgres(Integer requested) {
        this.requested = requested;
    }

    /** A server of this PostgreSQL major version, e.g. {@code 13} or {@code 18}. */
    public static TestPostgres version(int major) {
        if (major < 10) {
            throw new IllegalArgumentException("PostgreSQL " + major + " is not a major version this testkit starts");
        }
        return new TestPostgres(major);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        Class<?> testClass = context.getRequiredTestClass();
        if (requested == null && major == null) {
            PostgresVersion annotated = testClass.getAnnotation(PostgresVersion.class);
            major = annotated != null ? annotated.value() : defaultVersion();
        }
        String cls = testClass.getSimpleName().toLowerCase(Locale.ROOT);
        database = "t_" + cls.replaceAll("[^a-z0-9]", "_") + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(SharedServers.jdbcUrl(major(), "postgres"));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = DriverManager.getConnection(SharedServers.jdbcUrl(major(), "postgres"));
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The version named by {@value #VERSION_PROPERTY}, or 0 for the class path's binaries. */
    private static int defaultVersion() {
        String property = System.getProperty(VERSION_PROPERTY, "").strip();
        if (property.isEmpty()) {
            return SharedServers.CLASS_PATH;
        }
        try {
            return Integer.parseInt(property);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VERSION_PROPERTY + "=" + property
                    + " is not a PostgreSQL major version (e.g. 13 or 17)", e);
        }
    }

    private int major() {
        if (major == null) {
            major = requested != null ? requested : defaultVersion();
        }
        return major;
    }

    /** The running server's major version, e.g. {@code 15}. */
    public int serverVersion() {
        try (Connection c = DriverManager.getConnection(SharedServers.jdbcUrl(major(), "postgres"))) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's version: " + e.getMessage(), e);
        }
    }

    /** The fresh database's name. */
    public String database() {
        return database;
    }

    public int port() {
        return SharedServers.server(major()).getPort();
    }

    /** {@code jdbc:postgresql://localhost:PORT/DB?user=postgres}. */
    public String jdbcUrl() {
        return SharedServers.jdbcUrl(major(), database);
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
}
