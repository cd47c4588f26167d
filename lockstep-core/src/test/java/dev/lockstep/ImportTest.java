package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over each tool's history. Each test creates the tool's table with the statements the tool itself
 * runs (copied from its source), fills it as the tool does after applying two files, imports, and checks
 * that migrate then applies only the third file.
 */
class ImportTest {
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

    /** What the other tool did: the files' SQL run against the database. */
    private void appliedByTheTool(String... files) {
        for (String f : files) {
            try {
                String sql = Files.readString(m.dir.resolve(f));
                pg.execute(sql.contains("-- migrate:down") ? sql.substring(0, sql.indexOf("-- migrate:down")) : sql);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private ImportResult importFrom(String tool) {
        return m.lockstep(pg.url()).importHistory(new ImportOptions(tool, null, false));
    }

    private void onlyTheNewFileRuns(String newVersion) {
        MigrateResult result = m.lockstep(pg.url()).migrate();
        assertThat(result.executed()).extracting(AppliedMigration::version).containsExactly(newVersion);
    }

    private LockstepException refusal(String tool) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> importFrom(tool));
        assertThat(t).isInstanceOf(LockstepException.class);
        LockstepException e = (LockstepException) t;
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history")).isEqualTo("0");
        return e;
    }

    @Test
    void golangMigrateOneVersionRowCoversEveryFileUpToIt() {
        m.write("000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("000001_users.down.sql", "DROP TABLE users;")
                .write("000002_email.up.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("000003_name.up.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("000001_users.up.sql", "000002_email.up.sql");
        pg.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, "
                + "dirty boolean not null)");
        pg.execute("INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES (2, false)");

        assertThatThrownBy(() -> m.lockstep(pg.url()).status()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage()).contains("public.schema_migrations (golang-migrate, 1 row)");
            assertThat(e.hint()).contains("lockstep import --from golang-migrate");
        });
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"))
                .isEqualTo("2");

        ImportResult dry = m.lockstep(pg.url()).importHistory(new ImportOptions("golang-migrate", null, true));
        assertThat(dry.migrations()).extracting(ImportResult.Imported::version).containsExactly("000001", "000002");
        assertThat(dry.migrations()).extracting(ImportResult.Imported::row).containsOnly("version 2");
        assertThat(pg.tableExists("lockstep.lockstep_history")).isFalse();

        ImportResult result = importFrom("golang-migrate");
        assertThat(result.versionAfter()).isEqualTo("000002");
        assertThat(pg.query("SELECT version, kind, installed_by FROM lockstep.lockstep_history ORDER BY id"))
                .containsExactly(List.of("000001", "imported", "golang-migrate"),
                        List.of("000002", "imported", "golang-migrate"));
        onlyTheNewFileRuns("000003");
    }

    @Test
    void golangMigrateADirtyRowIsRefusedNamingIt() {
        m.write("000001_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        pg.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, "
                + "dirty boolean not null)");
        pg.execute("INSERT INTO schema_migrations VALUES (1, true)");
        m.lockstep(pg.url(), b -> { }).baseline("0", null);
        pg.execute("TRUNCATE lockstep.lockstep_history");

        assertThat(refusal("golang-migrate").getMessage()).contains("schema_migrations version 1 is dirty: golang-migrate stopped")
                .contains("migrate force 1");
    }

    @Test
    void dbmateEveryRowMustNameAFile() {
        m.write("20240101000000_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                        + "-- migrate:down\nDROP TABLE users;\n")
                .write("20240102000000_email.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n")
                .write("20240103000000_name.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN name text;\n");
        appliedByTheTool("20240101000000_users.sql", "20240102000000_email.sql");
        pg.execute("create table if not exists public.schema_migrations (version varchar(128) primary key)");
        pg.execute("insert into public.schema_migrations (version) values ('20240101000000'), ('20240102000000')");

        ImportResult result = importFrom("dbmate");
        assertThat(result.migrations()).extracting(ImportResult.Imported::row)
                .containsExactly("version 20240101000000", "version 20240102000000");
        onlyTheNewFileRuns("20240103000000");
    }

    @Test
    void dbmateARowWithoutItsFileIsRefused() {
        m.write("20240101000000_users.sql", "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
        pg.execute("create table if not exists public.schema_migrations (version varchar(128) primary key)");
        pg.execute("insert into public.schema_migrations (version) values ('20240101000000'), ('20231231000000')");
        m.lockstep(pg.url()).baseline("0", null);
        pg.execute("TRUNCATE lockstep.lockstep_history");

        assertThat(refusal("dbmate").getMessage()).contains("schema_migrations version 20231231000000 has no migration "
                + "file with that version");
    }

    @Test
    void railsStyleSchemaMigrations() {
        m.write("01_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("02_email.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("03_name.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("01_users.sql", "02_email.sql");
        pg.execute("CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY)");
        pg.execute("INSERT INTO schema_migrations VALUES ('01'), ('02')");

        assertThat(importFrom("schema_migrations").migrations()).hasSize(2);
        onlyTheNewFileRuns("03");
    }

    @Test
    void supabase() {
        m.write("20240101000000_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("20240102000000_email.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("20240103000000_name.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("20240101000000_init.sql", "20240102000000_email.sql");
        supabaseTable();
        pg.execute("INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES "
                + "('20240101000000', 'init', ARRAY['CREATE TABLE users (id bigint PRIMARY KEY)']), "
                + "('20240102000000', 'email', ARRAY['ALTER TABLE users ADD COLUMN email text'])");

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("lockstep import --from supabase"));
        assertThat(importFrom("supabase").table()).isEqualTo("supabase_migrations.schema_migrations");
        onlyTheNewFileRuns("20240103000000");
    }

    static final String[] SUPABASE_DDL = {"CREATE SCHEMA IF NOT EXISTS supabase_migrations",
            "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)",
            "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]",
            "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text"};

    private void supabaseTable() {
        for (String sql : SUPABASE_DDL) {
            pg.execute(sql);
        }
    }

    @Test
    void diesel() {
        m.write("2024-01-01-000000_users/up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("2024-01-01-000000_users/down.sql", "DROP TABLE users;")
                .write("2024-01-02-000000_email/up.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("2024-01-03-000000_name/up.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("2024-01-01-000000_users/up.sql", "2024-01-02-000000_email/up.sql");
        pg.execute("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
                + "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        pg.execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000'), ('20240102000000')");

        assertThat(importFrom("diesel").migrations()).extracting(ImportResult.Imported::script)
                .allMatch(s -> s.endsWith("/up.sql")).hasSize(2);
        onlyTheNewFileRuns("20240103000000");
    }

    @Test
    void dieselTwoDirectoriesWithASequenceNumberMatchTheVersionDieselRecorded() {
        m.write("2025-11-19-091444-0000_users/up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("2025-11-19-091444-0000_users/down.sql", "DROP TABLE users;")
                .write("2025-11-19-091444-0001_email/up.sql", "ALTER TABLE users ADD COLUMN email text;")
                .write("2025-11-20-000000-0000_name/up.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("2025-11-19-091444-0000_users/up.sql", "2025-11-19-091444-0001_email/up.sql");
        pg.execute("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
                + "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        pg.execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('202511190914440000'), "
                + "('202511190914440001')");

        assertThat(importFrom("diesel").migrations()).extracting(ImportResult.Imported::script)
                .satisfiesExactly(s -> assertThat(s).endsWith("/2025-11-19-091444-0000_users/up.sql"),
                        s -> assertThat(s).endsWith("/2025-11-19-091444-0001_email/up.sql"));
        m.lockstep(pg.url(), b -> b.set(Setting.KEEP_HISTORY, "diesel")).migrate();
        assertThat(pg.queryValue("SELECT string_agg(version, ',' ORDER BY version) FROM __diesel_schema_migrations"))
                .isEqualTo("202511190914440000,202511190914440001,202511200000000000");
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void prismaTable() {
        pg.execute("CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY NOT NULL, \"checksum\" VARCHAR(64) "
                + "NOT NULL, \"finished_at\" TIMESTAMPTZ, \"migration_name\" VARCHAR(255) NOT NULL, \"logs\" TEXT, "
                + "\"rolled_back_at\" TIMESTAMPTZ, \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(), "
                + "\"applied_steps_count\" INTEGER NOT NULL DEFAULT 0)");
    }

    private void prismaRow(String name, String checksum, boolean finished) {
        pg.execute("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) "
                + "VALUES (gen_random_uuid()::text, '" + checksum + "', " + (finished ? "now()" : "NULL") + ", '" + name
                + "', " + (finished ? 1 : 0) + ")");
    }

    @Test
    void prismaChecksumsAreCheckedAndAnUnfinishedRowIsRefused() throws Exception {
        String init = "-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";
        String email = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"email\" TEXT;\n";
        m.write("20240101000000_init/migration.sql", init)
                .write("20240102000000_email/migration.sql", email)
                .write("20240103000000_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n")
                .write("migration_lock.toml", "provider = \"postgresql\"\n");
        appliedByTheTool("20240101000000_init/migration.sql", "20240102000000_email/migration.sql");
        prismaTable();
        prismaRow("20240101000000_init", sha256(init), true);
        prismaRow("20240102000000_email", sha256(email), false);
        m.lockstep(pg.url()).baseline("0", null);
        pg.execute("TRUNCATE lockstep.lockstep_history");

        assertThat(refusal("prisma").getMessage()).contains("migration_name 20240102000000_email is not finished").contains("prisma migrate resolve");

        pg.execute("UPDATE _prisma_migrations SET finished_at = now(), checksum = '" + sha256("edited") + "' "
                + "WHERE migration_name = '20240102000000_email'");
        assertThat(refusal("prisma").getMessage()).contains("has changed since Prisma applied it");

        pg.execute("UPDATE _prisma_migrations SET checksum = '" + sha256(email) + "'");
        pg.execute("UPDATE _prisma_migrations SET checksum = '" + sha256(init) + "' WHERE migration_name = '20240101000000_init'");
        assertThat(importFrom("prisma").migrations()).hasSize(2);
        onlyTheNewFileRuns("20240103000000");
    }

    @Test
    void liquibaseFormattedSqlChangesets() {
        m.write("V1__users.sql", "--liquibase formatted sql\n--changeset alice:1\nCREATE TABLE users (id bigint PRIMARY KEY);\n")
                .write("V2__email.sql", "--liquibase formatted sql\n--changeset alice:2\nALTER TABLE users ADD COLUMN email text;\n"
                        + "--changeset bob:3\nALTER TABLE users ADD COLUMN phone text;\n")
                .write("V3__name.sql", "ALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("V1__users.sql", "V2__email.sql");
        pg.execute(LIQUIBASE_DDL);
        liquibaseRow("1", "alice", "db/changelog/V1__users.sql", 1, "EXECUTED");
        liquibaseRow("2", "alice", "db/changelog/V2__email.sql", 2, "EXECUTED");
        liquibaseRow("3", "bob", "db/changelog/V2__email.sql", 3, "EXECUTED");

        ImportResult result = importFrom("liquibase");
        assertThat(result.migrations()).extracting(ImportResult.Imported::version).containsExactly("1", "2");
        onlyTheNewFileRuns("3");
    }

    @Test
    void liquibaseAFailedChangesetOrOneFromAnotherFileIsRefused() {
        m.write("V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        pg.execute(LIQUIBASE_DDL);
        liquibaseRow("1", "alice", "db/changelog/V1__users.sql", 1, "FAILED");
        liquibaseRow("tag", "alice", "db/changelog/master.xml", 2, "EXECUTED");
        m.lockstep(pg.url()).baseline("0", null);
        pg.execute("TRUNCATE lockstep.lockstep_history");

        assertThat(refusal("liquibase").getMessage())
                .contains("changeset db/changelog/V1__users.sql::1::alice failed (EXECTYPE FAILED)")
                .contains("changeset db/changelog/master.xml::tag::alice is in db/changelog/master.xml, "
                        + "which is not a migration file");
    }

    static final String LIQUIBASE_DDL = "CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR "
            + "VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, "
            + "ORDEREXECUTED INT NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), "
            + "COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS "
            + "VARCHAR(255), DEPLOYMENT_ID VARCHAR(10))";

    private void liquibaseRow(String id, String author, String file, int order, String exec) {
        pg.execute("INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, "
                + "DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('" + id + "', '"
                + author + "', '" + file + "', NOW(), " + order + ", '9:0123456789abcdef0123456789abcdef', 'sql', '', '"
                + exec + "', NULL, NULL, '4.29.2', '1234567890')");
    }

    static final String ALEMBIC_DDL = "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))";

    @Test
    void alembicsOneRowMapsToTheChainOfFilesUpToItsRevision() {
        m.write("0001_a1b2c3d4e5f6_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .write("0002_email.sql", "-- Running upgrade a1b2c3d4e5f6 -> 9f8e7d6c5b4a\n\n"
                        + "ALTER TABLE users ADD COLUMN email text;")
                .write("0003_name.sql", "-- Revision ID: 0c0c0c0c0c0c\nALTER TABLE users ADD COLUMN name text;");
        appliedByTheTool("0001_a1b2c3d4e5f6_users.sql", "0002_email.sql");
        pg.execute(ALEMBIC_DDL);
        pg.execute("INSERT INTO alembic_version (version_num) VALUES ('9f8e7d6c5b4a')");

        ImportResult result = importFrom("alembic");
        assertThat(result.migrations()).extracting(ImportResult.Imported::version).containsExactly("0001", "0002");
        onlyTheNewFileRuns("0003");
    }

    @Test
    void alembicARevisionNoFileStandsForOrSeveralHeadsAreRefused() {
        m.write("0001_a1b2c3d4e5f6_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        pg.execute(ALEMBIC_DDL);
        pg.execute("INSERT INTO alembic_version (version_num) VALUES ('ffffffffffff')");
        m.lockstep(pg.url()).baseline("0", null);
        pg.execute("TRUNCATE lockstep.lockstep_history");
        assertThat(refusal("alembic").getMessage()).contains("alembic_version version_num ffffffffffff no migration file "
                + "stands for that revision");

        pg.execute("INSERT INTO alembic_version (version_num) VALUES ('a1b2c3d4e5f6')");
        assertThat(refusal("alembic").getMessage()).contains("alembic_version has 2 rows").contains("several heads");
    }

    @Test
    void anUnknownToolOrAMissingTableIsAUsageError() {
        m.write("V1__a.sql", "SELECT 1;");
        assertThatThrownBy(() -> importFrom("rails")).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.hint()).contains("flyway, liquibase, alembic, golang-migrate");
        });
        assertThatThrownBy(() -> importFrom("flyway")).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("there is no flyway_schema_history table");
        });
    }
}
