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

/** History that is gone or was changed by hand stops every command before anything is planned from it. */
class HistoryGuardTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);")
                .write("V2__index.sql", "CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);");
    }

    @Test
    void aDroppedHistorySchemaOnADatabaseWithObjectsIsRefusedInsteadOfRerunningEverything() {
        m.lockstep(pg.url()).migrate();
        pg.execute("DROP SCHEMA lockstep CASCADE");
        m.write("V3__more.sql", "CREATE TABLE more (id int);");
        for (boolean dryRun : new boolean[] {true, false}) {
            assertThatThrownBy(() -> m.lockstep(pg.url()).migrate(new MigrateOptions(null, dryRun)))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.getMessage()).contains("has 1 object (public.accounts)")
                                .contains("no Lockstep history in \"lockstep\".lockstep_history");
                        assertThat(e.hint()).contains("lockstep baseline V").contains("--history-schema")
                                .contains("--allow-non-empty").contains("nothing was applied");
                    });
        }
        assertThat(pg.tableExists("more")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'lockstep'")).isEqualTo("0");
    }

    @Test
    void statusSaysWhenMigrateWouldRefuseTheDatabase() {
        pg.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
        StatusResult status = m.lockstep(pg.url()).status();
        assertThat(status.currentVersion()).isNull();
        assertThat(status.upToDate()).isFalse();
        assertThat(status.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.UNMANAGED_DATABASE);
            assertThat(i.message()).startsWith("migrate would refuse this database: ").contains("public.accounts")
                    .contains("--allow-non-empty").doesNotContain("nothing was applied");
        });
        assertThat(m.lockstep(pg.url()).validate().issues()).extracting(ValidationIssue::kind)
                .containsExactly(ValidationIssue.Kind.UNMANAGED_DATABASE);

        StatusResult allowed = m.lockstep(pg.url(), b -> b.set(Setting.ALLOW_NON_EMPTY, true)).status();
        assertThat(allowed.issues()).isEmpty();
    }

    @Test
    void anotherToolsHistoryIsNamedWithTheImportThatAdoptsIt() {
        pg.execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version text)");
        pg.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("has 2 objects");
            assertThat(e.hint()).contains("public.flyway_schema_history is flyway's history")
                    .contains("lockstep import --from flyway");
        });
        pg.execute("ALTER TABLE flyway_schema_history RENAME TO goose_db_version");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("public.goose_db_version is goose's history")
                        .contains("lockstep import --from goose"));
        pg.execute("ALTER TABLE goose_db_version RENAME TO schema_migrations");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("public.schema_migrations is another tool's history")
                        .contains("--from golang-migrate").contains("--from dbmate"));
    }

    @Test
    void aHistoryInAnotherSchemaIsNamedWithTheSettingThatPointsAtIt() {
        m.lockstep(pg.url(), b -> b.set(Setting.HISTORY_SCHEMA, "app_history")).migrate();
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("app_history.lockstep_history is a Lockstep history")
                        .contains("--history-schema app_history"));
    }

    @Test
    void allowNonEmptyRunsOnADatabaseThatHasObjectsOfItsOwn() {
        pg.execute("CREATE TABLE legacy (id int)");
        pg.execute("CREATE TYPE mood AS ENUM ('ok')");
        assertThat(m.lockstep(pg.url(), b -> b.set(Setting.ALLOW_NON_EMPTY, true)).migrate().executed()).hasSize(2);
        // Once there is history, the database is Lockstep's: no flag needed any more.
        m.write("V3__more.sql", "CREATE TABLE more (id int);");
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(1);
    }

    @Test
    void aVersionThatIsNotAVersionIsNamedByRow() {
        tamperAfterMigrate("version = 'abc'", "version 'abc' is not a version");
    }

    @Test
    void anUnknownKindIsNamedByRow() {
        tamperAfterMigrate("kind = 'bogus'", "kind 'bogus' is not one of versioned, repeatable, rollback, baseline");
    }

    @Test
    void aMissingChecksumIsNamedByRow() {
        tamperAfterMigrate("checksum = NULL", "a versioned row has no checksum");
    }

    @Test
    void anUnknownChecksumAlgorithmIsNamedByRow() {
        tamperAfterMigrate("checksum_algorithm = 'md5'", "checksum algorithm 'md5' is not one this version knows");
    }

    @Test
    void anUnknownHistoryFormatIsRefused() {
        m.lockstep(pg.url()).migrate();
        pg.execute("UPDATE lockstep.lockstep_meta SET value = '99' WHERE key = 'history_format'");
        m.write("V3__more.sql", "CREATE TABLE more (id int);");
        for (Runnable command : List.<Runnable>of(() -> m.lockstep(pg.url()).migrate(),
                () -> m.lockstep(pg.url()).status())) {
            assertThatThrownBy(command::run).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(5);
                assertThat(e.getMessage()).contains("the history format in \"lockstep\".lockstep_meta is '99'");
            });
        }
        assertThat(pg.tableExists("more")).isFalse();
    }

    private void tamperAfterMigrate(String assignment, String expected) {
        m.lockstep(pg.url()).migrate();
        String id = pg.queryValue("SELECT id FROM lockstep.lockstep_history WHERE version = '2'");
        pg.execute("UPDATE lockstep.lockstep_history SET " + assignment + " WHERE id = " + id);
        m.write("V3__more.sql", "CREATE TABLE more (id int);");
        for (Runnable command : List.<Runnable>of(() -> m.lockstep(pg.url()).migrate(),
                () -> m.lockstep(pg.url()).validate(), () -> m.lockstep(pg.url()).status())) {
            assertThatThrownBy(command::run).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                assertThat(e.exitCode()).isEqualTo(5);
                assertThat(e.getMessage()).contains("row id " + id + ": " + expected);
                assertThat(e.hint()).contains("WHERE id = <id>").contains("nothing was applied");
            });
        }
        assertThat(pg.tableExists("more")).isFalse();
    }
}
