package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Flyway itself applies the files and writes flyway_schema_history; Lockstep takes over from there. */
class ImportFlywayTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void cleanDatabase() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\r\n-- a comment; with a semicolon\r\n")
                .write("V2__email.sql", "\uFEFFALTER TABLE users ADD COLUMN email text;\n\nCREATE INDEX users_email ON users (email);")
                .write("R__user_emails.sql", "CREATE OR REPLACE VIEW user_emails AS SELECT email FROM users;\n");
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(pg.jdbcUrl(), "postgres", "").locations("filesystem:" + m.dir)
                .cleanDisabled(true).load();
    }

    private ImportResult importFlyway(boolean dryRun) {
        return m.lockstep(pg.url()).importHistory(new ImportOptions("flyway", null, dryRun));
    }

    @Test
    void afterFlywayMigrateImportThenMigrateAppliesOnlyTheNewFile() {
        flyway().migrate();
        m.write("V3__name.sql", "ALTER TABLE users ADD COLUMN name text;");

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage()).contains("public.flyway_schema_history (Flyway, 3 rows)")
                    .contains("would apply them again");
            assertThat(e.hint()).contains("'lockstep import --from flyway'");
        });

        ImportResult result = importFlyway(false);
        assertThat(result.migrations()).as(result.notes().toString()).extracting(ImportResult.Imported::version).containsExactly("1", "2", null);
        assertThat(result.migrations().get(0).row()).isEqualTo("installed_rank 1 (version 1, V1__users.sql)");
        assertThat(result.versionAfter()).isEqualTo("2");
        assertThat(pg.query("SELECT version, kind, installed_by FROM lockstep.lockstep_history ORDER BY id"))
                .containsExactly(List.of("1", "imported", "Flyway, installed by postgres"),
                        List.of("2", "imported", "Flyway, installed by postgres"),
                        java.util.Arrays.asList(null, "repeatable", "Flyway, installed by postgres"));

        MigrateResult migrate = m.lockstep(pg.url()).migrate();
        assertThat(migrate.executed()).extracting(AppliedMigration::version).containsExactly("3");
        assertThat(m.lockstep(pg.url()).status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aFileEditedSinceFlywayAppliedItIsRefusedWithBothChecksums() {
        flyway().migrate();
        m.write("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");

        assertThatThrownBy(() -> importFlyway(true)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage()).contains("flyway_schema_history installed_rank 1 (version 1, V1__users.sql): ")
                    .containsPattern("V1__users.sql has changed since Flyway applied it \\(checksum -?\\d+ recorded, -?\\d+ now\\)")
                    .doesNotContain("installed_rank 2");
        });
    }

    @Test
    void aFailedRowAndARowWithoutItsFileAreRefusedAndNothingIsWritten() {
        flyway().migrate();
        pg.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (4, '3', 'name', 'SQL', 'V3__name.sql', 1234, 'postgres', "
                + "5, false)");
        m.delete("V2__email.sql");

        assertThatThrownBy(() -> importFlyway(false)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.getMessage()).contains("installed_rank 4 (version 3, V3__name.sql) failed (success = false)")
                    .contains("installed_rank 2 (version 2, V2__email.sql) has no migration file with that version");
            assertThat(e.hint()).contains("nothing was imported");
        });
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history")).isEqualTo("0");
    }

    @Test
    void flywaysBaselineRowBecomesALockstepBaseline() {
        pg.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        Flyway.configure().dataSource(pg.jdbcUrl(), "postgres", "").locations("filesystem:" + m.dir)
                .baselineVersion("1").load().baseline();
        flyway().migrate();
        m.write("V3__name.sql", "ALTER TABLE users ADD COLUMN name text;");

        ImportResult result = importFlyway(false);
        assertThat(result.baseline()).isEqualTo("1");
        assertThat(result.migrations()).extracting(ImportResult.Imported::version).containsExactly("2", null);

        assertThat(m.lockstep(pg.url()).migrate().executed()).extracting(AppliedMigration::version).containsExactly("3");
    }

    @Test
    void importIntoADatabaseLockstepAlreadyManagesIsRefused() {
        flyway().migrate();
        importFlyway(false);
        assertThatThrownBy(() -> importFlyway(false)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("its Lockstep history already has 3 rows");
        });
    }
}
