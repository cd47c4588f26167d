package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migration directories as people keep them: psql files with commented-out rollbacks, helper scripts beside them. */
class FilesAsWrittenTest {
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
    void rollbackRunsTheCommentedOutDownSectionWithoutEditingTheFile() {
        m.write("01_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n\n-- Down migration (rollback)\n"
                + "-- DROP TABLE users;\n")
                .write("02_create_roles.sql", "CREATE TABLE roles (id int);\n-- Rollback\n-- DROP TABLE roles;\n");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.tableExists("roles")).isTrue();

        MigrateResult back = m.lockstep(pg.url()).rollback(new RollbackOptions(2, null, false));

        assertThat(back.executed()).extracting(AppliedMigration::version).containsExactly("02", "01");
        assertThat(pg.tableExists("users")).isFalse();
        assertThat(pg.tableExists("roles")).isFalse();
    }

    @Test
    void aHelperScriptInTheMigrationsDirectoryIsListedOnceAndStatusAndMigrateWork() {
        m.write("01_create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("validation.sql", "SELECT count(*) FROM users;");

        StatusResult status = m.lockstep(pg.url()).status();
        assertThat(status.migrations()).hasSize(1);
        assertThat(m.notices).filteredOn(n -> n.startsWith("ignored 1 file")).singleElement().asString()
                .contains("validation.sql");

        m.notices.clear();
        m.lockstep(pg.url(), b -> b.set(Setting.IGNORE, java.util.List.of("validation.sql"))).migrate();
        assertThat(pg.tableExists("users")).isTrue();
        assertThat(m.notices).noneMatch(n -> n.startsWith("ignored"));
    }

    @Test
    void aBatchDirectiveAboveTheUpMarkerStopsTheRunBeforeAnythingIsApplied() {
        m.write("01_create.sql", "CREATE TABLE t (id int, x int);")
                .write("02_backfill.sql", "-- lockstep:batch size=100\n-- migrate:up\nUPDATE t SET x = 1 WHERE x IS NULL;\n");

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).contains("02_backfill.sql:1: -- lockstep:batch has no effect here");
        });
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void gooseFilesRunTheirUpSectionAndRollBackWithTheirDownSection() {
        m.write("20240101000000_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                        + "-- +goose StatementBegin\nCREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                        + "BEGIN NEW.id := NEW.id; RETURN NEW; END;\n$$;\n-- +goose StatementEnd\n\n"
                        + "-- +goose Down\nDROP FUNCTION touch();\nDROP TABLE users;\n")
                .write("20240102000000_users_id.sql", "-- +goose NO TRANSACTION\n-- +goose Up\n"
                        + "CREATE INDEX CONCURRENTLY users_id ON users (id);\n-- +goose Down\nDROP INDEX users_id;\n");

        MigrateResult up = m.lockstep(pg.url()).migrate();

        assertThat(up.executed()).hasSize(2);
        assertThat(pg.tableExists("users")).as("the down section is not run as part of the migration").isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_proc WHERE proname = 'touch'")).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'users_id' AND i.indisvalid")).isEqualTo("1");

        m.lockstep(pg.url()).rollback(new RollbackOptions(2, null, false));
        assertThat(pg.tableExists("users")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_proc WHERE proname = 'touch'")).isEqualTo("0");
    }

    @Test
    void gooseNoTransactionCoversTheDownSectionToo() {
        // Adding an enum value and using it: PostgreSQL refuses that inside one transaction.
        m.write("01_mood.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TYPE mood AS ENUM ('a', 'b');\n"
                + "CREATE TABLE t (m mood);\nINSERT INTO t VALUES ('a');\n-- +goose Down\n"
                + "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'c';\nUPDATE t SET m = 'c' WHERE m = 'a';\n"
                + "DROP TABLE t;\nDROP TYPE mood;\n");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.tableExists("t")).isTrue();

        MigrateResult back = m.lockstep(pg.url()).rollback(new RollbackOptions(1, null, false));

        assertThat(back.executed()).hasSize(1);
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void gooseEnvironmentSubstitutionAndADownSectionWithoutAnUpMarkerAreRefusedBeforeAnythingRuns() {
        m.write("01_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
                .write("02_grant.sql", "-- +goose ENVSUB ON\n-- +goose Up\nGRANT SELECT ON users TO ${APP_ROLE};\n");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).contains("02_grant.sql:1: -- +goose ENVSUB ON");
        });
        assertThat(pg.tableExists("users")).isFalse();

        m.write("02_grant.sql", "CREATE TABLE roles (id int);\n-- migrate:down\nDROP TABLE users;\n");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).contains("02_grant.sql:2: the file has a down section (-- migrate:down) but no up");
        });
        assertThat(pg.tableExists("users")).isFalse();
    }
}
