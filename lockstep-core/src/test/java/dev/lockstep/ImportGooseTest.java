package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over the history of goose, and of golang-migrate, which both read a file's version from its
 * name's leading digits ({@code 0002_1.7.0_schema.up.sql} is 2), where Lockstep reads on.
 */
class ImportGooseTest {
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

    private ImportResult importFrom(String tool) {
        return m.lockstep(pg.url()).importHistory(new ImportOptions(tool, null, false));
    }

    @Test
    void golangMigrateReadsTheVersionOfAFileFromItsLeadingDigitsAsGolangMigrateDoes() {
        // Lockstep reads 0002_1.7.0_schema as version 0002.1.7.0; golang-migrate records 2.
        m.write("0001_initial.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("0002_1.7.0_schema.up.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("0003_2.0.0_schema.up.sql", "ALTER TABLE users ADD COLUMN name text;");
        pg.execute("CREATE TABLE users (id bigint PRIMARY KEY); ALTER TABLE users ADD COLUMN email text");
        pg.execute("CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)");
        pg.execute("INSERT INTO schema_migrations (version, dirty) VALUES (2, false)");

        ImportResult result = importFrom("golang-migrate");

        assertThat(result.migrations()).hasSize(2);
        MigrateResult rest = m.lockstep(pg.url(), b -> b.set(Setting.KEEP_HISTORY, "golang-migrate")).migrate();
        assertThat(rest.executed()).extracting(AppliedMigration::version).containsExactly("0003.2.0.0");
        assertThat(pg.query("SELECT version, dirty FROM schema_migrations")).containsExactly(List.of("3", "f"));
    }

    @Test
    void gooseTheLastRowOfEachVersionSaysWhetherItIsApplied() {
        m.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                        + "-- +goose Down\nDROP TABLE users;\n")
                .write("00002_email.sql", "-- +goose Up\nALTER TABLE users ADD COLUMN email text;\n"
                        + "-- +goose Down\nALTER TABLE users DROP COLUMN email;\n")
                .write("00003_name.sql", "-- +goose Up\nALTER TABLE users ADD COLUMN name text;\n");
        pg.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        pg.execute("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
                + "is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())");
        // goose's first row, then 1 and 2 applied, 2 rolled back.
        pg.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), "
                + "(2, false)");

        pg.execute("DELETE FROM goose_db_version WHERE version_id <> 0");
        assertThat(m.lockstep(pg.url(), b -> b.set(Setting.ALLOW_NON_EMPTY, true)).status().migrations())
                .as("goose's own first row records no migration").isNotEmpty();
        pg.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (1, true), (2, true), (2, false)");
        assertThatThrownBy(() -> m.lockstep(pg.url()).status()).as("status stops at another tool's history")
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage()).contains("goose"));

        ImportResult result = importFrom("goose");

        assertThat(result.migrations()).extracting(ImportResult.Imported::row).containsExactly("version_id 1");
        MigrateResult rest = m.lockstep(pg.url()).migrate();
        assertThat(rest.executed()).extracting(AppliedMigration::version).containsExactly("00002", "00003");
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"))
                .isEqualTo("3");
    }

    @Test
    void gooseReadsAFilesVersionFromItsLeadingDigits() {
        m.write("20240101000000_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n")
                .write("20240102000000_0_42_3.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
        pg.execute("CREATE TABLE a (id int); CREATE TABLE b (id int)");
        pg.execute("CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
                + "is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())");
        pg.execute("INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (20240101000000, true), "
                + "(20240102000000, true)");

        assertThat(importFrom("goose").migrations()).hasSize(2);
        assertThat(m.lockstep(pg.url()).migrate().executed()).isEmpty();
    }
}
