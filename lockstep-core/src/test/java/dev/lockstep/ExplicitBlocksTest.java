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

/** A migration with BEGIN ... COMMIT blocks of its own runs them as written, as psql does. */
class ExplicitBlocksTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    static final String TWO_BLOCKS = "CREATE TABLE t (v text);\n"
            + "BEGIN;\nINSERT INTO t VALUES ('1');\nCOMMIT;\n"
            + "BEGIN;\nINSERT INTO t VALUES ('2');\nINSERT INTO t2 VALUES ('2');\nCOMMIT;\n"
            + "INSERT INTO t VALUES ('3');\n";

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void cleanDatabase() {
        pg.reset();
        m = new MigrationsDir(root);
    }

    private List<String> rows() {
        return pg.query("SELECT v FROM t ORDER BY v").stream().map(r -> r.get(0)).toList();
    }

    @Test
    void eachBlockRunsAsOneTransactionWithoutWarningsAndIsRecorded() {
        pg.execute("CREATE TABLE t2 (v text)");
        m.allowingNonEmpty();
        m.write("V1__blocks.sql", TWO_BLOCKS);

        MigrateResult result = m.lockstep(pg.url()).migrate();

        assertThat(result.executed()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
        assertThat(rows()).containsExactly("1", "2", "3");
        assertThat(m.notices).noneMatch(n -> n.contains("warns"));
        assertThat(pg.query("SELECT success, statements_applied, statements_total FROM lockstep.lockstep_history"))
                .containsExactly(List.of("t", "9", "9"));
    }

    @Test
    void aFailureInsideABlockRollsBackThatBlockOnlyAndTheNextRunStartsAtIt() {
        m.write("V1__blocks.sql", TWO_BLOCKS);

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).contains("V1__blocks.sql:7:13").contains("42P01");
            assertThat(e.hint()).contains("4 of 9 statements").contains("the block at line 5")
                    .contains("resumes there");
        });
        assertThat(rows()).containsExactly("1");
        MigrationInfo info = m.lockstep(pg.url()).status().migrations().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.PARTIALLY_APPLIED);
        assertThat(info.note()).contains("4 of 9 statements applied; migrate resumes at statement 5");

        pg.execute("CREATE TABLE t2 (v text)");
        MigrateResult resumed = m.lockstep(pg.url()).migrate();

        assertThat(resumed.executed()).singleElement().satisfies(a -> assertThat(a.direction()).isEqualTo("resume"));
        assertThat(rows()).containsExactly("1", "2", "3");
        assertThat(pg.queryValue("SELECT string_agg(v, ',') FROM t2")).isEqualTo("2");
        assertThat(pg.query("SELECT success, statements_applied FROM lockstep.lockstep_history ORDER BY id"))
                .containsExactly(List.of("f", "4"), List.of("t", "9"));
    }

    @Test
    void theDryRunShowsTheBlocks() {
        pg.execute("CREATE TABLE t2 (v text)");
        m.allowingNonEmpty();
        m.write("V1__blocks.sql", TWO_BLOCKS);

        PlannedMigration plan = m.lockstep(pg.url()).migrate(MigrateOptions.ALL.asDryRun()).plan().get(0);

        assertThat(plan.blocks()).isEqualTo(2);
        assertThat(plan.transactional()).isFalse();
        assertThat(plan.reason()).isEqualTo("2 BEGIN ... COMMIT blocks as written (lines 2-4, 5-8): each block is one "
                + "transaction, each statement outside them commits on its own");
        assertThat(plan.statements()).extracting(PlannedStatement::sql).contains("BEGIN", "COMMIT");
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void aBlockKeepsItsTransactionModesSavepointsAndRollback() {
        m.write("V1__t.sql", "CREATE TABLE t (v text);")
                .write("V2__modes.sql", "BEGIN ISOLATION LEVEL SERIALIZABLE;\n"
                        + "INSERT INTO t SELECT current_setting('transaction_isolation');\n"
                        + "SAVEPOINT s;\nINSERT INTO t VALUES ('undone');\nROLLBACK TO SAVEPOINT s;\nCOMMIT;\n"
                        + "BEGIN;\nINSERT INTO t VALUES ('discarded');\nROLLBACK;\n");

        m.lockstep(pg.url()).migrate();

        assertThat(rows()).containsExactly("serializable");
        assertThat(pg.queryValue("SELECT statements_applied FROM lockstep.lockstep_history WHERE version = '2'"))
                .isEqualTo("9");
    }

    @Test
    void aWrapperAroundTheWholeFileIsStillOneTransactionWithItsHistoryRow() {
        m.write("V1__wrapped.sql", "BEGIN;\nCREATE TABLE t (v text);\nINSERT INTO t VALUES ('1');\nCOMMIT;\n");

        MigrateResult result = m.lockstep(pg.url()).migrate();

        assertThat(result.executed()).singleElement().satisfies(a -> assertThat(a.transactional()).isTrue());
        assertThat(rows()).containsExactly("1");
    }

    @Test
    void theServersWarningsArePassedOn() {
        m.write("V1__warn.sql", "BEGIN;\nDO $$ BEGIN RAISE WARNING 'careful'; END $$;\nCOMMIT;\n"
                + "BEGIN;\nSELECT 1;\nCOMMIT;\n");

        m.lockstep(pg.url()).migrate();

        assertThat(m.notices).anyMatch(n -> n.contains("statement 2: the server warns: careful"));
    }

    @Test
    void blocksThatDoNotCloseOrNestAreRefusedWithWhereNothingApplied() {
        m.write("V1__nested.sql", "BEGIN;\nCREATE TABLE t (v text);\nBEGIN;\nINSERT INTO t VALUES ('1');\nCOMMIT;\n");
        assertRefused("V1__nested.sql:3:1", "inside the block opened at line 1");

        m.write("V1__nested.sql", "CREATE TABLE t (v text);\nCOMMIT;\n");
        assertRefused("V1__nested.sql:2:1", "no block is open");

        m.write("V1__nested.sql", "BEGIN;\nCREATE TABLE t (v text);\nCOMMIT;\nBEGIN;\nINSERT INTO t VALUES ('1');\n");
        assertRefused("V1__nested.sql:4:1", "never committed");

        m.write("V1__nested.sql", "CREATE TABLE t (v text);\nBEGIN;\nCREATE INDEX CONCURRENTLY t_v ON t (v);\nCOMMIT;\n"
                + "BEGIN;\nSELECT 1;\nCOMMIT;\n");
        assertRefused("V1__nested.sql:3:1", "cannot run inside a transaction block");

        m.write("V1__nested.sql", "BEGIN;\nCREATE TABLE t (v text);\nCOMMIT AND CHAIN;\nSELECT 1;\nCOMMIT;\n");
        assertRefused("V1__nested.sql:3:1", "AND CHAIN");
    }

    private void assertRefused(String where, String why) {
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.ALLOW_UNSAFE, true)).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
                    assertThat(e.getMessage()).contains(where).contains(why);
                    assertThat(e.hint()).contains("nothing was applied");
                });
        assertThat(pg.tableExists("t")).isFalse();
        assertThat(m.lockstep(pg.url()).status().migrations()).allMatch(i -> i.state() == MigrationState.PENDING);
    }
}
