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

class MigrateTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void cleanDatabase() {
        pg.reset();
        m = new MigrationsDir(root);
    }

    @Test
    void appliesPendingMigrationsAndRecordsEachInTheHistory() {
        m.write("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);")
                .write("V2__posts.sql", "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"
                        + "CREATE FUNCTION n() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;")
                .write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM users;");
        MigrateResult result = m.lockstep(pg.url()).migrate();

        assertThat(result.executed()).extracting(AppliedMigration::version).containsExactly("1", "2", null);
        assertThat(result.versionBefore()).isNull();
        assertThat(result.versionAfter()).isEqualTo("2");
        assertThat(pg.tableExists("posts")).isTrue();
        assertThat(pg.query("SELECT version, kind, success, statements_applied, statements_total, installed_by, "
                + "checksum_algorithm FROM lockstep.lockstep_history ORDER BY id")).containsExactly(
                List.of("1", "versioned", "t", "1", "1", "tester", "sha256-norm1"),
                List.of("2", "versioned", "t", "2", "2", "tester", "sha256-norm1"),
                java.util.Arrays.asList(null, "repeatable", "t", "1", "1", "tester", "sha256-norm1"));
        assertThat(pg.queryValue("SELECT count(DISTINCT run_id) FROM lockstep.lockstep_history")).isEqualTo("1");
        assertThat(pg.queryValue("SELECT bool_and(finished_at >= started_at AND duration_ms >= 0 "
                + "AND finished_at > now() - interval '1 minute')::text FROM lockstep.lockstep_history")).isEqualTo("true");

        MigrateResult again = m.lockstep(pg.url()).migrate();
        assertThat(again.executed()).isEmpty();
        assertThat(again.versionBefore()).isEqualTo("2");
    }

    @Test
    void dryRunShowsTheExactSqlAndChangesNothingNotEvenTheHistorySchema() {
        m.write("V1__users.sql", "CREATE TABLE users (id int);\nCREATE INDEX users_id ON users (id);")
                .write("V2__idx.sql", "CREATE INDEX CONCURRENTLY users_id2 ON users (id);");
        MigrateResult result = m.lockstep(pg.url()).migrate(MigrateOptions.ALL.asDryRun());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.executed()).isEmpty();
        assertThat(result.plan()).hasSize(2);
        PlannedMigration first = result.plan().get(0);
        assertThat(first.transactional()).isTrue();
        assertThat(first.statements()).extracting(PlannedStatement::sql)
                .containsExactly("CREATE TABLE users (id int)", "CREATE INDEX users_id ON users (id)");
        assertThat(first.statements().get(1).lock()).isEqualTo("SHARE");
        assertThat(first.statements().get(1).line()).isEqualTo(2);
        PlannedMigration second = result.plan().get(1);
        assertThat(second.transactional()).isFalse();
        assertThat(second.reason()).contains("CREATE INDEX CONCURRENTLY");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'lockstep'")).isEqualTo("0");
        assertThat(pg.tableExists("users")).isFalse();
    }

    @Test
    void aFailingStatementInATransactionalMigrationLeavesNothingOfIt() {
        m.write("V1__ok.sql", "CREATE TABLE a (id int);")
                .write("V2__bad.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\n\nSELECT * FROM\n  missing_table;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.exitCode()).isEqualTo(1);
            assertThat(e.getMessage()).contains("V2__bad.sql:5:3").contains("42P01")
                    .contains("relation \"missing_table\" does not exist");
            assertThat(e.hint()).contains("nothing of migration 2 was applied");
        });
        assertThat(pg.tableExists("a")).isTrue();
        assertThat(pg.tableExists("b")).isFalse();
        assertThat(pg.query("SELECT version, success, coalesce(error_sqlstate, '-') FROM lockstep.lockstep_history "
                + "ORDER BY id")).containsExactly(List.of("1", "t", "-"), List.of("2", "f", "42P01"));
        StatusResult status = m.lockstep(pg.url()).status();
        assertThat(status.migrations().get(1).state()).isEqualTo(MigrationState.FAILED);

        m.write("V2__bad.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);");
        assertThat(m.lockstep(pg.url()).migrate().executed()).extracting(AppliedMigration::version).containsExactly("2");
        assertThat(pg.queryValue("SELECT count(*) FROM b")).isEqualTo("1");
    }

    @Test
    void aFailureInsideAPipelinedGroupNamesTheExactStatementAndColumn() {
        m.write("V1__many.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
                + "CREATE TABLE c (\n  id intt\n);\nCREATE TABLE d (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.getMessage()).contains("V1__many.sql:4:6").contains("42704")
                    .contains("type \"intt\" does not exist").contains("statement: CREATE TABLE c (");
        });
        m.write("V1__many.sql", "CREATE TABLE a (id int);\nCREATE TABLE a (id int);\nCREATE TABLE d (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V1__many.sql:1:1").contains("42P07"));
        m.write("V1__many.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABLE a (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V1__many.sql:1:1").contains("42P07"));
        assertThat(pg.tableExists("a")).isFalse();
    }

    @Test
    void anUnterminatedQuoteStopsTheRunBeforeAnythingIsApplied() {
        m.write("V1__ok.sql", "CREATE TABLE a (id int);")
                .write("V2__broken.sql", "INSERT INTO a VALUES (1);\nSELECT 'oops;\n");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
            assertThat(e.getMessage()).contains("V2__broken.sql:2:8").contains("unterminated string");
        });
        assertThat(pg.tableExists("a")).isFalse();
    }

    @Test
    void unwrapsAScriptsOwnBeginCommitAndRunsSqlStandardBodiesAndCopy() {
        m.write("V1__psql_style.sql", "BEGIN;\nCREATE TABLE t (a int, b text);\n"
                + "COPY t (a, b) FROM stdin;\n1\tone; two\n2\t'quoted'\n\\.\n"
                + "CREATE FUNCTION total() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT sum(a) FROM t; END;\n"
                + "COMMIT;\n");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.queryValue("SELECT total()")).isEqualTo("3");
        assertThat(pg.queryValue("SELECT b FROM t WHERE a = 2")).isEqualTo("'quoted'");
        assertThat(pg.queryValue("SELECT transactional::text FROM lockstep.lockstep_history")).isEqualTo("true");
    }

    @Test
    void historyValuesWithQuotesAndBackslashesAreStoredExactly() {
        m.write("V1__it's_a_back\\slash.sql", "CREATE TABLE q (id int);");
        m.lockstep(pg.url(), b -> b.installedBy("o'brien\\ops")).migrate();
        assertThat(pg.query("SELECT script, description, installed_by FROM lockstep.lockstep_history"))
                .containsExactly(List.of("V1__it's_a_back\\slash.sql", "it's a back\\slash", "o'brien\\ops"));
    }

    @Test
    void aCommitWithNoBlockOpenIsRefused() {
        m.write("V1__x.sql", "CREATE TABLE t (a int);\nCOMMIT;\nCREATE TABLE u (a int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V1__x.sql:2:1").contains("'COMMIT': no block is open"));
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void migratesUpToATargetAndRefusesAnUnknownOne() {
        m.write("V1__a.sql", "CREATE TABLE a (id int);").write("V2__b.sql", "CREATE TABLE b (id int);");
        assertThat(m.lockstep(pg.url()).migrate(MigrateOptions.ALL.withTarget("1")).executed()).hasSize(1);
        assertThat(pg.tableExists("b")).isFalse();
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate(MigrateOptions.ALL.withTarget("9"))).isInstanceOfSatisfying(
                LockstepException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE));
    }
}
