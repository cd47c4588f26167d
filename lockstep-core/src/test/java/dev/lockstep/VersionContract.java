package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Lockstep promises on every supported PostgreSQL version, run against a real server of each
 * (the {@code PgNNContractTest} classes nest it; on 15, the default, the whole suite tests the same):
 * migrate, a failure and its fix,
 * resume, rollback, one runner at a time, live-traffic waits, CONCURRENTLY builds that fail half-way.
 * What depends on the version is in {@link VersionFeatureContract}.
 */
abstract class VersionContract {
    @TempDir
    Path root;
    MigrationsDir m;
    TestPostgres pg;
    Backends backends;

    /** This version's server. */
    abstract TestPostgres server();

    /** The major version the subclass is about. */
    abstract int version();

    @BeforeEach
    void setUp() {
        pg = server();
        pg.reset();
        m = new MigrationsDir(root).allowingNonEmpty();
        backends = new Backends(pg);
    }

    private static LockstepConfig.Builder traffic(LockstepConfig.Builder b, Duration wait, Duration ddlTimeout) {
        return b.set(Setting.BLOCKER_WAIT, wait).set(Setting.DDL_STATEMENT_TIMEOUT, ddlTimeout);
    }

    @Test
    void runsOnTheServerOfItsVersion() {
        assertThat(pg.serverVersion()).isEqualTo(version());
    }

    @Test
    void migratesAnApplicationSchemaAndRecordsEachMigration() {
        m.write("V1__accounts.sql", "CREATE TYPE plan AS ENUM ('free', 'paid');\n"
                        + "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, plan plan NOT NULL);\n"
                        + "CREATE TABLE projects (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts);")
                .write("V2__index.sql", "CREATE INDEX CONCURRENTLY projects_account ON projects (account_id);")
                .write("V3__touch.sql", "ALTER TABLE projects ADD COLUMN touched timestamptz;\n"
                        + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                        + "  NEW.touched := now(); -- a ; inside the body\n  RETURN NEW;\nEND $$;\n"
                        + "CREATE TRIGGER projects_touch BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION touch();")
                .write("V4__rls.sql", "ALTER TABLE projects ENABLE ROW LEVEL SECURITY;\n"
                        + "CREATE POLICY own ON projects USING (account_id = 1);");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("1", "2", "3", "4");
        assertThat(r.executed()).extracting(AppliedMigration::transactional).containsExactly(true, false, true, true);
        assertThat(r.versionAfter()).isEqualTo("4");
        assertThat(m.lockstep(pg.url()).status().upToDate()).isTrue();
        assertThat(pg.query("SELECT version, success, statements_applied FROM lockstep.lockstep_history ORDER BY id"))
                .containsExactly(List.of("1", "t", "3"), List.of("2", "t", "1"), List.of("3", "t", "3"),
                        List.of("4", "t", "2"));
        assertThat(pg.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'projects_account'::regclass"))
                .isEqualTo("true");
        pg.execute("INSERT INTO accounts (plan) VALUES ('paid'); INSERT INTO projects VALUES (1, 1); "
                + "UPDATE projects SET id = 1");
        assertThat(pg.queryValue("SELECT (touched IS NOT NULL)::text FROM projects")).isEqualTo("true");
    }

    @Test
    void aFailedTransactionalMigrationAppliesNothingAndTheFixedOneRuns() {
        m.write("V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1), (1);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).contains("V1__t.sql:2:1").contains("23505");
        });
        assertThat(pg.tableExists("t")).isFalse();
        assertThat(m.lockstep(pg.url()).status().migrations().get(0).state()).isEqualTo(MigrationState.FAILED);
        m.write("V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1), (2);");
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(1);
        assertThat(pg.queryValue("SELECT count(*) FROM t")).isEqualTo("2");
    }

    @Test
    void resumesAStatementByStatementMigrationAtTheFailedStatement() {
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
                + "INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 100) g;\n"
                + "INSERT INTO accounts VALUES (101, 'u1');");
        m.write("V2__indexes.sql", "CREATE INDEX CONCURRENTLY accounts_id_email ON accounts (id, email);\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "CREATE INDEX CONCURRENTLY accounts_lower ON accounts (lower(email));");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.getMessage()).contains("V2__indexes.sql:2:1").contains("23505");
            assertThat(e.hint()).contains("1 of 3 statements");
        });
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
        pg.execute("DELETE FROM accounts WHERE id = 101");
        MigrateResult resumed = m.lockstep(pg.url()).migrate();
        assertThat(resumed.executed()).singleElement().satisfies(a -> assertThat(a.direction()).isEqualTo("resume"));
        assertThat(pg.query("SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY indexname"))
                .containsExactly(List.of("accounts_email"), List.of("accounts_id_email"), List.of("accounts_lower"),
                        List.of("accounts_pkey"));
    }

    @Test
    void rollsBackWithTheDownScriptsAndMigratesAgain() {
        m.write("0001_a.up.sql", "CREATE TABLE a (id int);").write("0001_a.down.sql", "DROP TABLE a;")
                .write("0002_b.up.sql", "CREATE TABLE b (id int);").write("0002_b.down.sql", "DROP TABLE b;");
        m.lockstep(pg.url()).migrate();
        MigrateResult r = m.lockstep(pg.url()).rollback(RollbackOptions.steps(1));
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("0002");
        assertThat(pg.tableExists("b")).isFalse();
        assertThat(pg.tableExists("a")).isTrue();
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(1);
        assertThat(pg.tableExists("b")).isTrue();
    }

    @Test
    void aSecondRunnerWaitsForTheFirstAndGivesUpNamingIt() throws Throwable {
        // The first runner's migration waits for a lock this test holds: it is mid-migration until released.
        m.write("V1__gated.sql", "CREATE TABLE gated (id int);\nSELECT pg_advisory_xact_lock(4242);");
        try (Connection gate = pg.connect(); Statement st = gate.createStatement()) {
            st.execute("SELECT pg_advisory_lock(4242)");
            Future<MigrateResult> first = Backends.inBackground(() -> m.lockstep(pg.url(),
                    b -> b.set(Setting.LOCK_TIMEOUT, Duration.ofSeconds(60))).migrate());
            backends.awaitWaiting("SELECT pg_advisory_xact_lock");
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.LOCK_WAIT, Duration.ofMillis(300))).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("lockstep migrate").contains("held for");
                    });
            assertThat(first.isDone()).isFalse();
            st.execute("SELECT pg_advisory_unlock(4242)");
            assertThat(Backends.outcome(first).executed()).hasSize(1);
        }
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history")).isEqualTo("1");
    }

    @Test
    void waitsWithoutTakingALockWhileALongTransactionUsesTheTable() throws Throwable {
        pg.execute("CREATE TABLE busy (id int)");
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
        try (Connection holder = pg.connect()) {
            holder.setAutoCommit(false);
            int pid;
            try (Statement st = holder.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid(), count(*) FROM busy")) {
                rs.next();
                pid = rs.getInt(1);
            }
            pg.queryValue("SELECT pg_sleep(0.3)"); // a reader at it for a while, not traffic passing through
            Future<MigrateResult> run = Backends.inBackground(() -> m.lockstep(pg.url()).migrate());
            while (m.notices.stream().noneMatch(n -> n.contains("waiting, without taking any lock, for pid " + pid))) {
                assertThat(run.isDone()).as("the migration ran while the reader held the table").isFalse();
                Thread.sleep(20);
            }
            assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                    + "AND column_name = 'note'")).isEqualTo("0");
            holder.rollback();
            assertThat(Backends.outcome(run).executed()).hasSize(1);
        }
        assertThat(m.notices).noneMatch(n -> n.contains("lock not available"));
    }

    @Test
    void aSessionThatNeverLetsGoFailsWithExit4NamingIt() throws Exception {
        pg.execute("CREATE TABLE busy (id int)");
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
        try (Connection holder = pg.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("SET application_name = 'report-job'");
            st.execute("SELECT * FROM busy");
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> traffic(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(50))
                    .set(Setting.LOCK_RETRIES, 1), Duration.ofMillis(300), Duration.ofSeconds(60))).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.code()).isEqualTo(ErrorCode.DDL_LOCK_TIMEOUT);
                        assertThat(e.getMessage()).contains("report-job").contains("SELECT * FROM busy");
                    });
            holder.rollback();
        }
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                + "AND column_name = 'note'")).isEqualTo("0");
    }

    @Test
    void aCanceledConcurrentIndexBuildLeavesNoInvalidIndexAndTheNextRunBuildsIt() throws Throwable {
        pg.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000)");
        m.write("V1__idx.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);");
        cancelWhileWaitingForAnOldSnapshot("CREATE INDEX CONCURRENTLY");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_class WHERE relname = 't_id'")).isEqualTo("0");
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(1);
        assertThat(pg.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_id'::regclass"))
                .isEqualTo("true");
    }

    @Test
    void reindexConcurrentlyRunsOutsideATransactionAndACanceledOneLeavesNoInvalidCopy() throws Throwable {
        pg.execute("CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000); "
                + "CREATE UNIQUE INDEX t_id ON t (id)");
        m.write("V1__reindex.sql", "REINDEX INDEX CONCURRENTLY t_id;");
        cancelWhileWaitingForAnOldSnapshot("REINDEX INDEX CONCURRENTLY");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
        assertThat(m.notices).anyMatch(n -> n.contains("t_id_ccnew") && n.contains("REINDEX CONCURRENTLY"));

        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
        assertThat(pg.query("SELECT i.relname, x.indisvalid::text FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE x.indrelid = 't'::regclass")).containsExactly(List.of("t_id", "true"));
        m.write("V2__reindex_table.sql", "REINDEX TABLE CONCURRENTLY t;");
        assertThat(m.lockstep(pg.url()).migrate().executed()).singleElement()
                .satisfies(a -> assertThat(a.transactional()).isFalse());
    }

    /**
     * Runs the pending migration while another session keeps an old snapshot open, which a concurrent
     * build waits for, and cancels the build there: a real failure half-way, as a deploy can meet one.
     */
    private void cancelWhileWaitingForAnOldSnapshot(String statement) throws Throwable {
        try (Connection holder = pg.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT 1");
            Future<MigrateResult> run = Backends.inBackground(() -> m.lockstep(pg.url()).migrate());
            backends.cancel(backends.awaitWaiting(statement));
            assertThatThrownBy(() -> Backends.outcome(run)).isInstanceOfSatisfying(LockstepException.class, e ->
                    assertThat(e.getMessage()).contains("57014"));
            holder.rollback();
        }
    }
}
