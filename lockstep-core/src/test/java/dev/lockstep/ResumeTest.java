package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
                + "INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 100) g;\n"
                + "INSERT INTO accounts VALUES (101, 'u1');");
    }

    private static final String INDEXES = "CREATE INDEX CONCURRENTLY accounts_id_email ON accounts (id, email);\n"
            + "CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
            + "CREATE INDEX CONCURRENTLY accounts_lower ON accounts (lower(email));\n";

    @Test
    void resumesNonTransactionalMigrationAtFailedStatement() {
        m.write("V2__indexes.sql", INDEXES);
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).contains("V2__indexes.sql:2:1").contains("23505");
            assertThat(e.hint()).contains("1 of 3 statements").contains("resumes");
        });
        // The first index stays; the failed unique build left no INVALID index behind.
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_id_email'")).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
        StatusResult status = m.lockstep(pg.url()).status();
        MigrationInfo info = status.migrations().get(1);
        assertThat(info.state()).isEqualTo(MigrationState.PARTIALLY_APPLIED);
        assertThat(info.note()).contains("1 of 3 statements applied");

        pg.execute("DELETE FROM accounts WHERE id = 101");
        MigrateResult resumed = m.lockstep(pg.url()).migrate();
        assertThat(resumed.executed()).singleElement().satisfies(a -> assertThat(a.direction()).isEqualTo("resume"));
        assertThat(pg.query("SELECT indexname FROM pg_indexes WHERE tablename = 'accounts' ORDER BY indexname"))
                .containsExactly(List.of("accounts_email"), List.of("accounts_id_email"), List.of("accounts_lower"),
                        List.of("accounts_pkey"));
        assertThat(pg.query("SELECT success, statements_applied FROM lockstep.lockstep_history WHERE version = '2' "
                + "ORDER BY id")).containsExactly(List.of("f", "1"), List.of("t", "3"));
    }

    @Test
    void refusesToResumeWhenTheAppliedPrefixChanged() {
        m.write("V2__indexes.sql", INDEXES);
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        m.write("V2__indexes.sql", INDEXES.replace("(id, email)", "(email, id)"));
        pg.execute("DELETE FROM accounts WHERE id = 101");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESUME_REFUSED);
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("1 of 3 statements ran");
        });
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("0");
    }

    @Test
    void settlesAnInDoubtIndexBuildByItsEffectInsteadOfFailingWithAlreadyExists() {
        m.write("V2__indexes.sql", INDEXES);
        m.lockstep(pg.url()).migrate(MigrateOptions.ALL.withTarget("1"));
        pg.execute("DELETE FROM accounts WHERE id = 101");
        // A runner died after sending statement 2: the server finished the build, the history says in flight.
        pg.execute("CREATE UNIQUE INDEX accounts_email ON accounts (email)");
        pg.execute("CREATE INDEX accounts_id_email ON accounts (id, email)");
        String hash = dev.lockstep.internal.source.Checksum.sha256Hex(
                "CREATE INDEX CONCURRENTLY accounts_id_email ON accounts (id, email)\n;\n");
        pg.execute("INSERT INTO lockstep.lockstep_history (version, description, kind, script, checksum, "
                + "checksum_algorithm, transactional, installed_by, started_at, success, statements_applied, "
                + "statements_total, applied_hash, in_flight, run_id, tool_version) "
                + "SELECT '2', 'indexes', 'versioned', 'V2__indexes.sql', 'x', 'sha256-norm1', false, 'tester', now(), "
                + "false, 1, 3, '" + hash + "', 1, gen_random_uuid(), 'test'");
        assertThat(m.lockstep(pg.url()).status().migrations().get(1).state()).isEqualTo(MigrationState.PARTIALLY_APPLIED);

        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).hasSize(1);
        assertThat(m.notices).anyMatch(n -> n.contains("accounts_email") && n.contains("not building it again"));
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_lower'")).isEqualTo("1");
    }

    @Test
    void anInvalidLeftoverIndexIsDroppedAndRebuiltEvenWithIfNotExists() {
        m.write("V2__idx.sql", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email);");
        m.lockstep(pg.url()).migrate(MigrateOptions.ALL.withTarget("1"));
        // An earlier failed build outside Lockstep left an INVALID index of the same name.
        assertThatThrownBy(() -> pg.execute("CREATE UNIQUE INDEX CONCURRENTLY accounts_email ON accounts (email)"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pg.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'accounts_email'::regclass"))
                .isEqualTo("false");
        pg.execute("DELETE FROM accounts WHERE id = 101");

        m.lockstep(pg.url()).migrate();
        assertThat(pg.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'accounts_email'::regclass"))
                .isEqualTo("true");
        assertThat(m.notices).anyMatch(n -> n.contains("dropping invalid index accounts_email"));
    }

    @Test
    void aStatementByStatementMigrationFailingAtItsFirstStatementIsFailedNotPartial() {
        m.write("V2__idx.sql", "CREATE INDEX CONCURRENTLY accounts_x ON acounts (email);\n"
                + "CREATE INDEX CONCURRENTLY accounts_y ON accounts (email);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        assertThat(m.lockstep(pg.url()).status().migrations().get(1).state()).isEqualTo(MigrationState.FAILED);
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE in_flight IS NOT NULL"))
                .isEqualTo("0");
        m.write("V2__idx.sql", "CREATE INDEX CONCURRENTLY accounts_x ON accounts (email);\n"
                + "CREATE INDEX CONCURRENTLY accounts_y ON accounts (email);");
        assertThat(m.lockstep(pg.url()).migrate().executed()).singleElement()
                .satisfies(a -> assertThat(a.direction()).isEqualTo("up"));
    }

    @Test
    void invalidLeftoversOfAFailedReindexConcurrentlyAreDroppedBeforeTheNextOne() {
        m.lockstep(pg.url()).migrate();
        pg.execute("CREATE UNIQUE INDEX accounts_email_uq ON accounts (email) WHERE id <= 100");
        // What a REINDEX CONCURRENTLY that failed part-way leaves: an INVALID copy named *_ccnew.
        assertThatThrownBy(() -> pg.execute("CREATE UNIQUE INDEX CONCURRENTLY accounts_email_uq_ccnew ON accounts (email)"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("1");
        m.write("V2__reindex.sql", "REINDEX INDEX CONCURRENTLY accounts_email_uq;");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("0");
        assertThat(m.notices).anyMatch(n -> n.contains("accounts_email_uq_ccnew") && n.contains("REINDEX CONCURRENTLY"));
    }

    @Test
    void aMigrationMarkedTransactionOffRunsStatementByStatement() {
        m.write("V2__big.sql", "-- lockstep:transaction off\nCREATE TABLE x (a int);\nINSERT INTO x VALUES (1);\n"
                + "INSERT INTO x VALUES ('oops');");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        assertThat(pg.queryValue("SELECT count(*) FROM x")).isEqualTo("1");
        m.write("V2__big.sql", "-- lockstep:transaction off\nCREATE TABLE x (a int);\nINSERT INTO x VALUES (1);\n"
                + "INSERT INTO x VALUES (2);");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.queryValue("SELECT count(*) FROM x")).isEqualTo("2");
    }
}
