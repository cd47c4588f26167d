package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runners killed with SIGKILL at random moments (fixed seed) during a corpus of long transactional and
 * statement-by-statement migrations, then run again at once (while the killed runner's backend may still
 * be busy) or after that backend has ended. Every trial must end at the schema of a clean run, with every
 * migration recorded exactly once and no data row written twice.
 *
 * <p>{@code -Dlockstep.crash.trials=N} runs more trials, {@code -Dlockstep.crash.seed=S} another sequence.
 */
class CrashTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final int TRIALS = Integer.getInteger("lockstep.crash.trials", 3);
    private static final long SEED = Long.getLong("lockstep.crash.seed", 20261201L);

    @TempDir
    Path root;

    /** Long transactional migrations, statement-by-statement ones, session settings, a repeatable view. */
    private MigrationsDir corpus() {
        MigrationsDir m = new MigrationsDir(root);
        m.write("V1__base.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text, score int);\n"
                        + "INSERT INTO accounts SELECT g, 'u' || g || '@example.com', 0 FROM generate_series(1, 20000) g;\n"
                        + "CREATE TABLE events (id bigserial PRIMARY KEY, kind text NOT NULL, n int NOT NULL);")
                .write("V2__long_transaction.sql", "ALTER TABLE accounts ADD COLUMN note text;\n"
                        + "UPDATE accounts SET note = md5(id::text) FROM pg_sleep(0.8);\n"
                        + "INSERT INTO events (kind, n) SELECT 'v2', g FROM generate_series(1, 100) g;")
                .write("V3__statement_by_statement.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                        + "INSERT INTO events (kind, n) SELECT 'v3', g FROM generate_series(1, 100) g, pg_sleep(0.6);\n"
                        + "UPDATE accounts SET score = id % 7 FROM pg_sleep(0.4);\n"
                        + "CREATE INDEX CONCURRENTLY accounts_score ON accounts (score);\n"
                        + "INSERT INTO events (kind, n) SELECT 'v3b', g FROM generate_series(1, 50) g;")
                .write("V4__elsewhere.sql", "CREATE SCHEMA other;\nSET search_path TO other;\n"
                        + "CREATE TABLE in_other (id int);\nINSERT INTO public.events (kind, n) VALUES ('v4', 1);")
                .write("V5__plain.sql", "CREATE TABLE plain (id int);\n"
                        + "INSERT INTO events (kind, n) SELECT 'v5', g FROM generate_series(1, 10) g, pg_sleep(0.5);")
                .write("V6__transaction_off.sql", "-- lockstep:transaction off\nCREATE TABLE t6 (id int);\n"
                        + "INSERT INTO t6 SELECT g FROM generate_series(1, 1000) g, pg_sleep(0.5);\n"
                        + "ALTER TABLE t6 ADD COLUMN x int DEFAULT 1;\n"
                        + "INSERT INTO events (kind, n) SELECT 'v6', count(*) FROM t6;")
                .write("R__scores.sql", "CREATE OR REPLACE VIEW account_scores AS SELECT id, score FROM accounts;");
        return m;
    }

    /** Tables, columns, indexes and views outside the history schema, as text. */
    private static List<List<String>> schema() {
        List<List<String>> out = new ArrayList<>(pg.query("SELECT n.nspname, c.relname, c.relkind::text, "
                + "coalesce(string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull "
                + "THEN ' not null' ELSE '' END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' "
                + "ORDER BY a.attnum), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lockstep') AND n.nspname NOT LIKE 'pg\\_%' "
                + "GROUP BY 1, 2, 3 ORDER BY 1, 2"));
        out.addAll(pg.query("SELECT pg_get_indexdef(indexrelid), indisvalid::text FROM pg_index x "
                + "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'lockstep') AND n.nspname NOT LIKE 'pg\\_%' "
                + "ORDER BY 1"));
        out.addAll(pg.query("SELECT schemaname, viewname, definition FROM pg_views "
                + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"));
        return out;
    }

    /** What must come out the same as in a clean run: rows per migration's work, and the history. */
    private static List<List<String>> data() {
        List<List<String>> out = new ArrayList<>(pg.query("SELECT kind, count(*)::text, sum(n)::text FROM events "
                + "GROUP BY kind ORDER BY kind"));
        out.addAll(pg.query("SELECT 'accounts', count(*)::text, count(note)::text, sum(score)::text FROM accounts"));
        out.addAll(pg.query("SELECT 't6', count(*)::text, sum(x)::text FROM t6"));
        out.addAll(pg.query("SELECT coalesce(version, description), count(*)::text FROM lockstep.lockstep_history "
                + "WHERE success GROUP BY 1 ORDER BY 1"));
        return out;
    }

    @Test
    void killedAtRandomMomentsAndRunAgainEveryTrialEndsAtTheCleanSchemaWithEachMigrationOnce() throws Exception {
        pg.reset();
        MigrationsDir m = corpus();
        Path log = root.resolve("child.log");
        Process clean = ChildRunner.start(pg.url(), m.dir, log);
        long started = Waits.firstRunnerBackend(pg, clean, log);
        assertThat(clean.waitFor()).as(ChildRunner.log(log)).isZero();
        long cleanMillis = (System.nanoTime() - started) / 1_000_000;
        List<List<String>> cleanSchema = schema();
        List<List<String>> cleanData = data();
        assertThat(cleanData).contains(List.of("1", "1"), List.of("6", "1"), List.of("scores", "1"));

        Random random = new Random(SEED);
        List<String> failed = new ArrayList<>();
        for (int trial = 1; trial <= TRIALS; trial++) {
            pg.reset();
            long killAfter = (long) (random.nextDouble() * cleanMillis);
            boolean atOnce = random.nextBoolean();
            Process child = ChildRunner.start(pg.url(), m.dir, log);
            Waits.firstRunnerBackend(pg, child, log);
            Thread.sleep(killAfter);
            ChildRunner.kill(child);
            String killedIn = pg.query("SELECT left(query, 50) FROM pg_stat_activity WHERE application_name = "
                    + "'lockstep migrate' AND state = 'active'").toString();
            if (!atOnce) {
                Waits.noRunnerBackends(pg);
            }
            m.notices.clear();
            MigrateResult again = m.lockstep(pg.url(), KilledRunnerTest.UNSAFE).migrate();
            Waits.noRunnerBackends(pg);
            boolean ok = schema().equals(cleanSchema) && data().equals(cleanData);
            String line = "trial " + trial + ": killed after " + killAfter + "ms of " + cleanMillis + "ms (backend at "
                    + killedIn + "), re-run " + (atOnce ? "at once" : "after the backend ended") + ", re-run applied "
                    + again.executed().stream().map(a -> a.version() == null ? a.description() : a.version()).toList()
                    + (ok ? ": same schema and data" : ": DIFFERS " + data());
            System.out.println("crash " + line);
            if (!ok) {
                failed.add(line);
            }
        }
        System.out.println("crash trials: " + TRIALS + " (seed " + SEED + "), " + (TRIALS - failed.size()) + " passed, "
                + failed.size() + " failed");
        assertThat(failed).isEmpty();
    }
}
