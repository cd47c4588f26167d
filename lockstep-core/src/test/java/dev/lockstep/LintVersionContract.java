package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LockTimeline;
import dev.lockstep.lint.Violation;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linter's version-dependent judgements checked against the real server of each version: linting
 * for the server's version (nothing configured but the database), every rule whose verdict changes
 * between 13 and 18 says what that server really does. The lock it names is the one pg_locks shows, a
 * statement it calls rewriting changes the table's relfilenode (one it calls scanning scans it), the
 * advice it gives runs there and does what it says, and the statement on the other side of the version
 * boundary is judged differently because the server treats it differently. Boundaries below 13
 * (before 11, before 12) have no server here: only their newer side is checked.
 */
abstract class LintVersionContract {
    private static final Pattern VALIDATE = Pattern.compile("VALIDATE CONSTRAINT (\\w+)");

    @TempDir
    Path root;
    MigrationsDir m;
    TestPostgres pg;
    Backends backends;

    abstract TestPostgres server();

    abstract int version();

    @BeforeEach
    void schema() {
        pg = server();
        pg.reset();
        m = new MigrationsDir(root).allowingNonEmpty();
        backends = new Backends(pg);
        pg.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, a numeric, b numeric, email text);"
                + "INSERT INTO accounts SELECT g, g, g, 'a' || g FROM generate_series(1, 200) g;"
                + "CREATE INDEX accounts_email ON accounts (email);"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, amount int);"
                + "INSERT INTO orders SELECT g, g FROM generate_series(1, 200) g;"
                + "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);"
                + "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');");
    }

    @Test
    void lintsForTheServersVersionWhenNoneIsConfigured() {
        assertThat(lint("SELECT 1;").pgVersion()).isEqualTo(version());
    }

    @Test
    void detachPartitionIsReportedFrom14WhereItsConcurrentFormRunsAndLetsWritesGoOn() throws Throwable {
        String plain = "ALTER TABLE events DETACH PARTITION events_2023;";
        assertSameLocks(plain);
        List<Violation> found = findings(plain, "require-concurrent-detach-partition");
        String concurrently = "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;";
        if (version() < 14) {
            assertThat(found).as("no concurrent form to advise before 14").isEmpty();
            assertThat(findings(concurrently, "needs-newer-postgres")).singleElement()
                    .satisfies(v -> assertThat(v.message()).contains("needs PostgreSQL 14"));
            assertThat(sqlState(concurrently)).isEqualTo("42601");
            return;
        }
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.lock()).contains("ACCESS EXCLUSIVE on events");
            assertThat(statementOf(v.fix())).isEqualTo(concurrently);
        });
        assertThat(lint(concurrently).violations()).extracting(Violation::rule)
                .doesNotContain("require-concurrent-detach-partition", "needs-newer-postgres");
        Map<String, String> claimed = claimed(concurrently);
        // Another session holding SHARE UPDATE EXCLUSIVE on the partition makes the advised form wait for its
        // lock there: pg_locks shows the modes it holds and asks for, and a write goes through meanwhile
        // (behind a waiting ACCESS EXCLUSIVE request, the plain form's, it would queue).
        try (Connection holder = pg.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE events_2023 IN SHARE UPDATE EXCLUSIVE MODE");
            Future<Boolean> detach = Backends.inBackground(() -> {
                try (Connection c = pg.connect(); Statement s = c.createStatement()) {
                    return s.execute(concurrently);
                }
            });
            int pid = backends.awaitWaiting("ALTER TABLE events DETACH");
            for (String table : List.of("events", "events_2023")) {
                assertThat(pg.queryValue("SELECT mode FROM pg_locks WHERE pid = " + pid + " AND relation = '" + table
                        + "'::regclass")).as("PostgreSQL %d, %s: the lock on %s", version(), concurrently, table)
                        .isEqualTo(lockName(claimed.get(table)));
            }
            pg.execute("INSERT INTO events VALUES (1, '2023-06-01')");
            holder.commit();
            Backends.outcome(detach);
        }
        assertThat(pg.queryValue("SELECT count(*) FROM events_2023")).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass")).isEqualTo("0");
    }

    @Test
    void aStoredGeneratedColumnRewritesOnEveryVersionAndFrom18TheAdvisedVirtualOneDoesNot() throws SQLException {
        String stored = "ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) STORED;";
        assertSameLocks(stored);
        assertThat(rewrites(stored)).isTrue();
        Violation v = single(stored, "adding-field-with-default");
        assertThat(v.effect()).isEqualTo("rewrites the table");
        String advice = statementOf(v.fix());
        if (version() >= 18) {
            assertThat(advice).isEqualTo(stored.replace("STORED", "VIRTUAL"));
        } else {
            assertThat(advice).isEqualTo("ALTER TABLE accounts ADD COLUMN total numeric;");
        }
        assertThat(lint(advice).violations()).extracting(Violation::rule)
                .doesNotContain("adding-field-with-default", "needs-newer-postgres");
        assertThat(rewrites(advice)).as(advice).isFalse();

        String unspecified = "ALTER TABLE accounts ADD COLUMN doubled numeric GENERATED ALWAYS AS (a * 2);";
        if (version() >= 18) {
            assertThat(lint(unspecified).violations()).extracting(Violation::rule)
                    .doesNotContain("adding-field-with-default", "needs-newer-postgres");
            assertThat(rewrites(unspecified)).isFalse();
            pg.execute(unspecified);
            assertThat(pg.queryValue("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'accounts'::regclass "
                    + "AND attname = 'doubled'")).as("VIRTUAL by default").isEqualTo("v");
        } else {
            assertThat(single(unspecified, "needs-newer-postgres").message()).contains("needs PostgreSQL 18");
            assertThat(sqlState(unspecified)).isEqualTo("42601");
            assertThat(single(stored.replace("STORED", "VIRTUAL"), "needs-newer-postgres").message())
                    .contains("needs PostgreSQL 18");
            assertThat(sqlState(stored.replace("STORED", "VIRTUAL"))).isEqualTo("42601");
        }
    }

    @Test
    void aNotNullConstraintScansFrom18UnlessNotValidAndIsASyntaxErrorBefore() throws SQLException {
        String add = "ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null NOT NULL amount;";
        if (version() < 18) {
            assertThat(findings(add, "constraint-missing-not-valid")).isEmpty();
            assertThat(single(add, "needs-newer-postgres").message()).contains("needs PostgreSQL 18");
            assertThat(sqlState(add)).isEqualTo("42601");
            return;
        }
        assertSameLocks(add);
        assertThat(scans(add, "orders")).isTrue();
        Violation v = single(add, "constraint-missing-not-valid");
        assertThat(v.effect()).isEqualTo("scans the table");
        String advice = statementOf(v.fix());
        assertThat(advice).isEqualTo(add.replace(";", " NOT VALID;"));
        assertThat(lint(advice).violations()).extracting(Violation::rule)
                .doesNotContain("constraint-missing-not-valid", "needs-newer-postgres");
        assertThat(scans(advice, "orders")).isFalse();
        pg.execute(advice);
        String validate = "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_not_null;";
        assertSameLocks(validate);
        assertThat(claimed(validate).get("orders")).isEqualTo("SHARE UPDATE EXCLUSIVE");
    }

    @Test
    void setNotNullScansUnlessTheAdvisedConstraintOfThisVersionWasValidatedFirst() throws SQLException {
        String set = "ALTER TABLE orders ALTER COLUMN amount SET NOT NULL;";
        assertSameLocks(set);
        assertThat(scans(set, "orders")).isTrue();
        Violation v = single(set, "set-not-null-without-check");
        assertThat(v.effect()).isEqualTo("scans the table");
        String advice = statementOf(v.fix());
        assertThat(advice).isEqualTo(version() >= 18
                ? "ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null NOT NULL amount NOT VALID;"
                : "ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null CHECK (amount IS NOT NULL) NOT VALID;");
        assertThat(lint(advice).violations()).extracting(Violation::rule)
                .doesNotContain("constraint-missing-not-valid", "needs-newer-postgres");
        assertThat(scans(advice, "orders")).isFalse();
        pg.execute(advice);
        Matcher validate = VALIDATE.matcher(v.fix());
        assertThat(validate.find()).as(v.fix()).isTrue();
        pg.execute("ALTER TABLE orders VALIDATE CONSTRAINT " + validate.group(1));
        assertThat(scans(set, "orders")).as("SET NOT NULL after the validated constraint").isFalse();
        assertThat(lint(advice.replace(";", ";\n") + "ALTER TABLE orders VALIDATE CONSTRAINT " + validate.group(1)
                + ";\n" + set).violations()).extracting(Violation::rule).doesNotContain("set-not-null-without-check");
    }

    @Test
    void theNewerSideOfTheBoundariesBelow13HoldsOnEveryVersion() throws SQLException {
        String reindex = "REINDEX INDEX accounts_email;";
        assertSameLocks(reindex);
        String advice = statementOf(single(reindex, "require-concurrent-reindex").fix());
        assertThat(advice).isEqualTo("REINDEX INDEX CONCURRENTLY accounts_email;");
        assertThat(lint(advice).violations()).extracting(Violation::rule)
                .doesNotContain("require-concurrent-reindex", "needs-newer-postgres");
        assertThat(sqlState(advice)).as("runs outside a transaction").isNull();

        String constant = "ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';";
        assertThat(findings(constant, "adding-field-with-default")).isEmpty();
        assertThat(rewrites(constant)).as("a constant default since 11").isFalse();
    }

    private LintReport lint(String sql) {
        return m.lockstep(pg.url()).lint(List.of(), sql);
    }

    private List<Violation> findings(String sql, String rule) {
        return lint(sql).violations().stream().filter(v -> v.rule().equals(rule)).toList();
    }

    private Violation single(String sql, String rule) {
        List<Violation> found = findings(sql, rule);
        assertThat(found).as("%s on PostgreSQL %d: %s", rule, version(), sql).hasSize(1);
        return found.get(0);
    }

    /** The statement a fix starts with, up to its first semicolon (what follows is a comment or later steps). */
    private static String statementOf(String fix) {
        return fix.substring(0, fix.indexOf(';') + 1);
    }

    /** The strongest lock the linter says the (first) statement takes, by object, as PostgreSQL names modes. */
    private Map<String, String> claimed(String sql) {
        List<LockTimeline> timelines = m.lockstep(pg.url()).explainLocks(List.of(), sql);
        Map<String, String> out = new HashMap<>();
        for (LockTimeline.Lock l : timelines.get(0).steps().get(0).locks()) {
            out.merge(l.on(), l.mode(), (a, b) -> strength(a) >= strength(b) ? a : b);
        }
        return out;
    }

    private static final List<String> MODES = List.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE",
            "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    private static int strength(String mode) {
        return MODES.indexOf(mode);
    }

    /** {@code SHARE UPDATE EXCLUSIVE} as pg_locks writes it: {@code ShareUpdateExclusiveLock}. */
    private static String lockName(String mode) {
        StringBuilder sb = new StringBuilder();
        for (String word : mode.toLowerCase(Locale.ROOT).split(" ")) {
            sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return sb.append("Lock").toString();
    }

    /** Every lock the linter names for {@code sql} is the one the server holds while it runs in a transaction. */
    private void assertSameLocks(String sql) throws SQLException {
        Map<String, String> claimed = claimed(sql);
        assertThat(claimed).as("the linter names a lock for %s", sql).isNotEmpty();
        Map<String, String> taken = new HashMap<>();
        inTransaction(sql, st -> {
            try (ResultSet rs = st.executeQuery("SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c "
                    + "ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'")) {
                while (rs.next()) {
                    taken.merge(rs.getString(1), rs.getString(2), (a, b) -> strength(fromLockName(a))
                            >= strength(fromLockName(b)) ? a : b);
                }
            }
            return null;
        });
        for (Map.Entry<String, String> e : claimed.entrySet()) {
            String relation = e.getKey().startsWith("the table of index ")
                    ? pg.queryValue("SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = '"
                            + e.getKey().substring(19) + "'::regclass")
                    : e.getKey().startsWith("index ") ? e.getKey().substring(6) : e.getKey();
            assertThat(taken.get(relation)).as("PostgreSQL %d, %s: the lock on %s", version(), sql, relation)
                    .isEqualTo(lockName(e.getValue()));
        }
    }

    private static String fromLockName(String name) {
        return name.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** Whether {@code sql}, run in a transaction that is then rolled back, gives accounts a new file. */
    private boolean rewrites(String sql) throws SQLException {
        return changesAcross(sql, "SELECT relfilenode FROM pg_class WHERE relname = 'accounts'");
    }

    /** Whether {@code sql}, run in a transaction that is then rolled back, reads all of {@code table}. */
    private boolean scans(String sql, String table) throws SQLException {
        return changesAcross(sql, "SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = '" + table + "'");
    }

    /** Runs {@code sql} in a transaction that is then rolled back; whether {@code probe}'s value changed across it. */
    private boolean changesAcross(String sql, String probe) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                String before = value(st, probe);
                st.execute(sql);
                return !value(st, probe).equals(before);
            } finally {
                c.rollback();
            }
        }
    }

    private interface Probe<T> {
        T read(Statement st) throws SQLException;
    }

    /** Runs {@code sql} in a transaction, reads what {@code after} reads, and rolls it back. */
    private <T> T inTransaction(String sql, Probe<T> after) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute(sql);
                return after.read(st);
            } finally {
                c.rollback();
            }
        }
    }

    private static String value(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The SQLSTATE {@code sql} fails with in autocommit, or null when it runs (it is rolled back by nothing). */
    private String sqlState(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
            return null;
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
