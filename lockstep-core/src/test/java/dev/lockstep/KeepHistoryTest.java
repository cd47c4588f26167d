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

/** keep-history: the previous tool's table follows every migration and rollback. */
class KeepHistoryTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void cleanDatabase() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("0001_a1b2c3d4e5f6_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                        + "-- migrate:down\nDROP TABLE users;")
                .write("0002_email.sql", "-- migrate:up\n-- Revision ID: 9f8e7d6c5b4a\nALTER TABLE users ADD COLUMN email "
                        + "text;\n-- migrate:down\nALTER TABLE users DROP COLUMN email;")
                .write("0003_name.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN name text;\n-- migrate:down\n"
                        + "ALTER TABLE users DROP COLUMN name;");
    }

    private Lockstep keeping(String tool) {
        return m.lockstep(pg.url(), b -> b.set(Setting.KEEP_HISTORY, tool));
    }

    @Test
    void alembicVersionFollowsMigrateAndRollback() {
        pg.execute(ImportTest.ALEMBIC_DDL);
        pg.execute("INSERT INTO alembic_version VALUES ('a1b2c3d4e5f6')");
        pg.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        keeping("alembic").importHistory(new ImportOptions("alembic", null, false));

        keeping("alembic").migrate(new MigrateOptions("0002", false));
        assertThat(pg.queryValue("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("9f8e7d6c5b4a");

        keeping("alembic").migrate();
        assertThat(pg.queryValue("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("0003");

        keeping("alembic").rollback(new RollbackOptions(1, null, false));
        assertThat(pg.queryValue("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("9f8e7d6c5b4a");

        keeping("alembic").rollback(new RollbackOptions(null, "0001", false));
        assertThat(pg.queryValue("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("a1b2c3d4e5f6");

        keeping("alembic").rollback(new RollbackOptions(1, null, false));
        assertThat(pg.queryValue("SELECT count(*) FROM alembic_version")).isEqualTo("0");
    }

    @Test
    void golangMigrateKeepsItsOneRowAndCreatesTheTableAsItDoes() {
        keeping("golang-migrate").migrate();
        assertThat(pg.query("SELECT version, dirty FROM schema_migrations")).containsExactly(List.of("3", "f"));
        keeping("golang-migrate").rollback(new RollbackOptions(2, null, false));
        assertThat(pg.query("SELECT version, dirty FROM schema_migrations")).containsExactly(List.of("1", "f"));
        assertThat(pg.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "ORDER BY ordinal_position")).containsExactly(List.of("bigint"), List.of("boolean"));
    }

    @Test
    void golangMigrateKeepsAFlywayDirectorysWholeNumberVersions() {
        MigrationsDir flyway = new MigrationsDir(root.resolve("flyway"));
        flyway.write("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("V2__email.sql", "ALTER TABLE users ADD COLUMN email text;");
        flyway.lockstep(pg.url(), b -> b.set(Setting.KEEP_HISTORY, "golang-migrate")).migrate();
        assertThat(pg.query("SELECT version, dirty FROM schema_migrations")).containsExactly(List.of("2", "f"));
    }

    @Test
    void supabaseAndSchemaMigrationsGetOneRowPerAppliedVersion() {
        keeping("supabase").migrate();
        assertThat(pg.query("SELECT version, name, array_length(statements, 1) FROM supabase_migrations.schema_migrations "
                + "ORDER BY 1")).containsExactly(List.of("0001", "a1b2c3d4e5f6_users", "1"), List.of("0002", "email", "1"),
                List.of("0003", "name", "1"));
        keeping("supabase").rollback(new RollbackOptions(1, null, false));
        assertThat(pg.query("SELECT version FROM supabase_migrations.schema_migrations ORDER BY 1"))
                .containsExactly(List.of("0001"), List.of("0002"));

        keeping("schema_migrations").migrate();
        assertThat(pg.query("SELECT version FROM schema_migrations ORDER BY 1"))
                .containsExactly(List.of("0001"), List.of("0002"), List.of("0003"));
    }

    @Test
    void anUnsupportedToolIsAConfigurationErrorBeforeAnythingRuns() {
        assertThatThrownBy(() -> keeping("liquibase").migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.hint()).contains("alembic, golang-migrate, supabase");
        });
        assertThat(pg.tableExists("users")).isFalse();
    }
}
