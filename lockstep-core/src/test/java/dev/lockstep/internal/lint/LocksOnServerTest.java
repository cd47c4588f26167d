package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.LockLevel;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The linter's model checked against a real server: the lock each statement takes (pg_locks, inside the
 * statement's transaction) and whether an ADD COLUMN scans or rewrites the table (seq_scan, relfilenode).
 */
class LocksOnServerTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @BeforeEach
    void schema() {
        pg.reset();
        pg.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email text);"
                + "INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 500) g;"
                + "CREATE INDEX accounts_email ON accounts (email);"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint, amount int);"
                + "INSERT INTO orders SELECT g, g, g FROM generate_series(1, 500) g;"
                + "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;"
                + "CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);"
                + "CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');"
                + "CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM orders;"
                + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;");
    }

    /** The strongest lock the linter says {@code sql} takes on each object it names. */
    private static Map<String, LockLevel> claimed(String sql) {
        Script script = new Script("x.sql", "x.sql", sql, 1);
        ScriptContext context = BuiltInRules.linter(LintSettings.DEFAULT, 15).context(script, new DirectiveParser().parse(script));
        Map<String, LockLevel> out = new HashMap<>();
        for (HeldLock l : context.statements().get(0).locks()) {
            out.merge(l.object(), l.mode(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return out;
    }

    /** The strongest lock the server holds on each relation while {@code sql} is in an open transaction. */
    private static Map<String, LockLevel> taken(String sql) throws SQLException {
        Map<String, LockLevel> out = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(sql);
            try (ResultSet rs = st.executeQuery("SELECT c.relname, l.mode FROM pg_locks l JOIN pg_class c "
                    + "ON c.oid = l.relation WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'")) {
                while (rs.next()) {
                    LockLevel mode = LockLevel.valueOf(rs.getString(2).replace("Lock", "")
                            .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
                    out.merge(rs.getString(1), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
            c.rollback();
        }
        return out;
    }

    private static void assertSameLocks(String sql, String... objects) throws SQLException {
        Map<String, LockLevel> claimed = claimed(sql);
        Map<String, LockLevel> taken = taken(sql);
        for (String object : objects) {
            String relation = object.startsWith("index ") ? object.substring(6)
                    : object.startsWith("the indexes of ") ? object.substring(15) + "_pkey" : object;
            assertThat(claimed).as("%s: the linter's lock on %s", sql, object).containsKey(object);
            assertThat(taken.get(relation)).as("%s: the server's lock on %s", sql, relation).isEqualTo(claimed.get(object));
        }
    }

    @Test
    void theLinterKnowsTheLockEveryDangerousStatementTakes() throws SQLException {
        assertSameLocks("ALTER TABLE accounts ADD COLUMN plan text", "accounts");
        assertSameLocks("ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive", "orders");
        assertSameLocks("ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) "
                + "REFERENCES accounts (id) NOT VALID", "orders", "accounts");
        assertSameLocks("CREATE INDEX orders_amount ON orders (amount)", "orders");
        assertSameLocks("REINDEX TABLE accounts", "accounts", "the indexes of accounts");
        assertSameLocks("REFRESH MATERIALIZED VIEW totals", "totals");
        assertSameLocks("CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
                "orders");
        assertSameLocks("ALTER TABLE events DETACH PARTITION events_2023", "events", "events_2023");
        assertSameLocks("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE", "orders");
        assertSameLocks("TRUNCATE orders", "orders");
        assertSameLocks("CREATE TABLE invoices (id bigint, account_id bigint REFERENCES accounts (id))", "accounts");
    }

    private static long seqScans(String table) {
        pg.execute("SELECT pg_stat_force_next_flush()");
        return Long.parseLong(pg.queryValue("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = '" + table + "'"));
    }

    private static String file(String table) {
        return pg.queryValue("SELECT relfilenode FROM pg_class WHERE relname = '" + table + "'");
    }

    @Test
    void anAddColumnScansOrRewritesWhereTheRulesSayItDoes() {
        long before = seqScans("orders");
        pg.execute("ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES accounts (id)");
        assertThat(seqScans("orders")).as("a foreign key on a new column without a default").isEqualTo(before);
        pg.execute("ALTER TABLE orders ADD COLUMN referrer_id bigint DEFAULT 1 REFERENCES accounts (id)");
        assertThat(seqScans("orders")).as("a foreign key on a new column with a default").isGreaterThan(before);
        before = seqScans("orders");
        pg.execute("ALTER TABLE orders ADD COLUMN discount int CHECK (discount >= 0)");
        assertThat(seqScans("orders")).as("a CHECK on a new column").isGreaterThan(before);

        String file = file("orders");
        pg.execute("ALTER TABLE orders ADD COLUMN plan text NOT NULL DEFAULT 'free'");
        pg.execute("ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now()");
        pg.execute("ALTER TABLE orders ADD COLUMN total numeric(12,2) DEFAULT '0'::numeric(12,2)");
        assertThat(file("orders")).as("constant and stable defaults").isEqualTo(file);
        pg.execute("ALTER TABLE orders ADD COLUMN bucket int DEFAULT (random() * 100)::int");
        assertThat(file("orders")).as("a volatile default inside a cast").isNotEqualTo(file);
        file = file("orders");
        pg.execute("CREATE DOMAIN positive AS int CHECK (VALUE > 0); ALTER TABLE orders ADD COLUMN score positive");
        assertThat(file("orders")).as("a domain with a constraint").isNotEqualTo(file);
        file = file("orders");
        pg.execute("ALTER TABLE orders ADD COLUMN seq bigint GENERATED BY DEFAULT AS IDENTITY");
        assertThat(file("orders")).as("an identity column").isNotEqualTo(file);
    }

    @Test
    void setNotNullSkipsTheScanOnlyWhenAValidCheckProvesIt() {
        pg.execute("UPDATE orders SET account_id = 1 WHERE account_id IS NULL");
        long before = seqScans("orders");
        pg.execute("ALTER TABLE orders ALTER COLUMN account_id SET NOT NULL");
        assertThat(seqScans("orders")).isGreaterThan(before);
        pg.execute("ALTER TABLE orders ADD CONSTRAINT amount_not_null CHECK (amount IS NOT NULL) NOT VALID;"
                + "ALTER TABLE orders VALIDATE CONSTRAINT amount_not_null");
        before = seqScans("orders");
        pg.execute("ALTER TABLE orders ALTER COLUMN amount SET NOT NULL");
        assertThat(seqScans("orders")).isEqualTo(before);
    }
}
