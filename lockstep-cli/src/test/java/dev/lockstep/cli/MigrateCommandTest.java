package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.Golden;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        Path dir = Files.createDirectories(work.resolve("db/migrations"));
        Files.writeString(dir.resolve("V1__create_accounts.sql"),
                "CREATE TABLE accounts (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n");
        Files.writeString(dir.resolve("U1__create_accounts.sql"), "DROP TABLE accounts;\n");
        Files.writeString(dir.resolve("V2__index_email.sql"),
                "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n");
    }

    @Test
    void statusShowsPendingAndExitCode6ThenMigrateAppliesAndStatusIsUpToDate() {
        Cli.Run before = cli.run("status", "--exit-code");
        assertThat(before.exit()).as(before.toString()).isEqualTo(6);
        assertThat(before.out()).contains("Migrations:  db/migrations (found db/migrations/ (no migrations/ directory))")
                .contains("create accounts").contains("pending").contains("2 to apply");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).containsPattern("applied +1 +create accounts")
                .containsPattern("applied +2 +index email .*\\(statement by statement\\)")
                .contains("Applied 2 migrations on postgres@localhost:" + pg.port() + "/" + pg.database())
                .contains("now at version 2.");

        Cli.Run after = cli.run("status", "--exit-code");
        assertThat(after.exit()).isZero();
        assertThat(after.out()).contains("Version:     2").contains("Up to date.");
    }

    @Test
    void onADatabaseMigrateWouldRefuseStatusSaysSoInTextJsonAndItsExitCode() throws IOException {
        pg.execute("CREATE TABLE legacy (id int)");

        Cli.Run text = cli.run("status", "--exit-code");
        assertThat(text.exit()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("problem: migrate would refuse this database: ").contains("public.legacy")
                .contains("Fix the problems above before migrating").doesNotContain("2 to apply");

        Cli.Run json = cli.run("status", "--exit-code", "--output", "json");
        assertThat(json.exit()).isEqualTo(5);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("upToDate").asBoolean()).isFalse();
        assertThat(doc.path("issues").get(0).path("kind").asText()).isEqualTo("UNMANAGED_DATABASE");
        assertThat(doc.path("issues").get(0).path("message").asText()).contains("--allow-non-empty");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as("status said what migrate does").isEqualTo(5);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_class WHERE relname = 'accounts'")).isEqualTo("0");

        // without a migration file too: migrate still refuses (it would create its history there)
        Files.createDirectories(work.resolve("empty"));
        assertThat(cli.run("migrate", "--dir", "empty").exit()).isEqualTo(5);
        Cli.Run empty = cli.run("status", "--exit-code", "--dir", "empty");
        assertThat(empty.exit()).as(empty.toString()).isEqualTo(5);
        assertThat(empty.out()).contains("migrate would refuse this database");
        assertThat(cli.run("validate", "--dir", "empty").exit()).isEqualTo(5);
    }

    @Test
    void dryRunPrintsTheExactSqlGroupedByTransaction() {
        Cli.Run dry = cli.run("migrate", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        String normalized = dry.out().replace(pg.database(), "DB").replace(":" + pg.port() + "/", ":PORT/");
        Golden.assertMatches(Path.of("src/test/resources/golden/migrate-dry-run.txt"), normalized);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'lockstep'")).isEqualTo("0");
    }

    @Test
    void aFailureAsJsonListsTheMigrationsTheRunAppliedBeforeIt() throws IOException {
        Files.writeString(work.resolve("db/migrations/V3__orders.sql"),
                "CREATE TABLE orders (account bigint REFERENCES no_such_table (id));\n");
        Cli.Run run = cli.run("migrate", "--output", "json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("error").path("code").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(doc.path("error").path("message").asText()).contains("migration 3 failed");
        assertThat(doc.path("executed")).hasSize(2);
        assertThat(doc.path("executed").get(0).path("version").asText()).isEqualTo("1");
        assertThat(doc.path("executed").get(1).path("version").asText()).isEqualTo("2");
        assertThat(pg.queryValue("SELECT string_agg(version, ',' ORDER BY id) FROM lockstep.lockstep_history "
                + "WHERE success")).isEqualTo("1,2");

        Cli.Run again = cli.run("migrate", "--output", "json");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(again.out()).path("executed")).isEmpty();
    }

    @Test
    void jsonOutputIsOneDocumentOnStdout() throws IOException {
        Cli.Run run = cli.run("migrate", "--output", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.path("command").asText()).isEqualTo("migrate");
        assertThat(doc.path("versionAfter").asText()).isEqualTo("2");
        assertThat(doc.path("executed")).hasSize(2);
        assertThat(doc.path("executed").get(1).path("transactional").asBoolean()).isFalse();
        assertThat(run.err()).contains("applied");

        JsonNode status = new ObjectMapper().readTree(cli.run("status", "--output=json").out());
        assertThat(status.path("pending").asInt()).isZero();
        assertThat(status.path("migrations").get(0).path("state").asText()).isEqualTo("APPLIED");
    }

    @Test
    void aChangedAppliedFileFailsWithExit5AndAHintInTextAndJson() throws IOException {
        assertThat(cli.run("migrate").exit()).isZero();
        Files.writeString(work.resolve("db/migrations/V1__create_accounts.sql"), "CREATE TABLE accounts (id int);\n");
        Cli.Run text = cli.run("migrate");
        assertThat(text.exit()).isEqualTo(5);
        assertThat(text.err()).contains("error: migration 1 was applied, but db/migrations/V1__create_accounts.sql has changed")
                .contains("hint: restore the applied file");
        Cli.Run json = cli.run("validate", "--output", "json");
        assertThat(json.exit()).isEqualTo(5);
        assertThat(new ObjectMapper().readTree(json.out()).path("issues").get(0).path("kind").asText())
                .isEqualTo("CHECKSUM_CHANGED");
        Cli.Run jsonError = cli.run("migrate", "--output", "json");
        JsonNode error = new ObjectMapper().readTree(jsonError.out()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("VALIDATION");
        assertThat(error.path("exitCode").asInt()).isEqualTo(5);
    }

    @Test
    void rollbackRunsTheDownScriptAndRefusesWhenThereIsNone() {
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Run refused = cli.run("rollback", "--steps", "2");
        assertThat(refused.exit()).isEqualTo(5);
        assertThat(refused.err()).contains("V2__index_email.sql").contains("has no down script");
        assertThat(pg.tableExists("accounts")).isTrue();

        assertThat(cli.run("migrate", "--target", "1").exit()).isZero();
        pg.execute("DROP INDEX accounts_email");
        pg.execute("DELETE FROM lockstep.lockstep_history WHERE version = '2'");
        Cli.Run ok = cli.run("rollback");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).containsPattern("rolled back +1").contains("Rolled back 1 migration");
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aProtectedEnvironmentRefusesRollbackWithoutConfirmationInANonInteractiveRun() throws IOException {
        assertThat(cli.run("migrate").exit()).isZero();
        cli.env.remove("DATABASE_URL");
        cli.env.put("PROD_URL", pg.url());
        Files.writeString(work.resolve("lockstep.toml"), "dir = \"db/migrations\"\n[env.production]\n"
                + "url-env = \"PROD_URL\"\nprotected = true\n");
        Cli.Run refused = cli.run("--env", "production", "rollback", "--to", "1");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("protected environment 'production'").contains("--yes");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("1");
        Cli.Run dry = cli.run("--env", "production", "rollback", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isEqualTo(5);
        assertThat(dry.err()).contains("no down script");
    }

    @Test
    void usageErrorsExitWith2AndSayWhatToRun() {
        Cli.Run unknown = cli.run("migrate", "--no-such-option");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option '--no-such-option' of lockstep migrate")
                .contains("'lockstep help migrate' shows its options");
        Cli.Run both = cli.run("rollback", "--steps", "1", "--to", "1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("error: --steps=N, --to=VERSION are mutually exclusive");
        Cli.Run badOutput = cli.run("status", "--output", "yaml");
        assertThat(badOutput.exit()).isEqualTo(2);
        assertThat(badOutput.err()).contains("text or json");
        // A version that is not one is refused before anything connects: with nothing listening, no connection error.
        cli.env.put("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
        for (String[] args : new String[][] {{"rollback", "--to", "abc"}, {"migrate", "--target", "v2"}}) {
            Cli.Run notAVersion = cli.run(args);
            assertThat(notAVersion.exit()).as(notAVersion.toString()).isEqualTo(2);
            assertThat(notAVersion.err()).contains(args[1] + " '" + args[2] + "' is not a version")
                    .doesNotContain("connect");
        }
    }

    @Test
    void globalOptionsWorkBeforeOrAfterTheCommand() {
        cli.env.remove("DATABASE_URL");
        Cli.Run before = cli.run("--url", pg.url(), "--dir", "db/migrations", "status");
        Cli.Run after = cli.run("status", "--url", pg.url(), "--dir", "db/migrations");
        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
    }

    @Test
    void aBadUrlIsAConfigurationErrorThatNeverShowsThePassword() {
        Cli.Run run = cli.run("status", "--url", "mysql://root:TopSecret1@db/app");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain("TopSecret1").contains("not a PostgreSQL URL");
    }

    @Test
    void aMissingMigrationsDirectoryIsNamedAsTheUserWroteItWithAHint() {
        Cli.Run run = cli.run("status", "--dir", "db/migration");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: migrations directory db/migration does not exist")
                .contains("hint: create it with 'lockstep new <name>', or point --dir at your migrations");
    }

    @Test
    void newCreatesTheNextMigrationInTheDirectorysStyle() {
        Cli.Run run = cli.run("new", "Add orders table");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("created db/migrations/V3__add_orders_table.sql")
                .contains("created db/migrations/U3__add_orders_table.sql");
        assertThat(work.resolve("db/migrations/V3__add_orders_table.sql")).exists();
    }

    @Test
    void aDatabaseWithTablesButNoHistoryIsRefusedWithExit5UnlessAllowNonEmptyIsGiven() {
        pg.execute("CREATE TABLE legacy (id int)");
        Cli.Run refused = cli.run("migrate");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(5);
        assertThat(refused.toString()).contains("has 1 object (public.legacy) but no Lockstep history")
                .contains("--allow-non-empty");
        assertThat(pg.tableExists("accounts")).isFalse();

        Cli.Run allowed = cli.run("migrate", "--allow-non-empty");
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(pg.tableExists("accounts")).isTrue();
    }

    @Test
    void repairPrintsCountsAndTheMigrationsTheyConcernApart() throws IOException {
        assertThat(cli.run("migrate").exit()).isZero();
        Files.writeString(work.resolve("db/migrations/V1__create_accounts.sql"),
                "CREATE TABLE accounts (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n-- reviewed\n");
        Files.writeString(work.resolve("db/migrations/V3__broken.sql"), "SELECT * FROM nowhere;\n");
        assertThat(cli.run("migrate").exit()).isEqualTo(5);
        Cli.Run repair = cli.run("repair");
        assertThat(repair.exit()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("  failed rows removed:   none\n")
                .contains("  checksums re-recorded: 1 (migration 1)\n");
        Cli.Run failed = cli.run("migrate");
        assertThat(failed.exit()).isEqualTo(1);
        Cli.Run again = cli.run("repair");
        assertThat(again.out()).contains("  failed rows removed:   1 (migration 3)\n")
                .contains("  checksums re-recorded: none\n");
    }

    @Test
    void baselineTakesTheVersionAsItsArgument() {
        Cli.Run run = cli.run("baseline", "1");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Baselined at version 1: migrations up to 1 will not run.\n");
        assertThat(cli.run("status").out()).contains("baseline").contains("below baseline").contains("pending");
        Cli.Run missing = new Cli(work).run("baseline");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("VERSION").contains("'lockstep help baseline'");
    }

    /** As the refusal of an unmanaged database writes it: never taken for "print the tool's version". */
    @Test
    void baselineAlsoTakesTheVersionAsAnOption() {
        Cli.Run run = cli.run("baseline", "--version", "1");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Baselined at version 1: migrations up to 1 will not run.\n");
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE kind = 'baseline'"))
                .isEqualTo("1");
        Cli.Run both = cli.run("baseline", "2", "--version", "1");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("two baseline versions: 2 and --version 1");
    }

    @Test
    void statusShowsWhenAMigrationWasRolledBackInsteadOfAnInstallTime() throws IOException {
        Files.writeString(work.resolve("db/migrations/U2__index_email.sql"), "DROP INDEX CONCURRENTLY accounts_email;\n");
        assertThat(cli.run("migrate").exit()).isZero();
        assertThat(cli.run("rollback").exit()).isZero();
        String status = cli.run("status").out();
        assertThat(status).containsPattern("\n  2 +index email +pending\n      rolled back at \\d{4}-\\d{2}-\\d{2} "
                + "\\d{2}:\\d{2}:\\d{2} UTC\n");
    }

    @Test
    void theDefaultEnvironmentOfLockstepTomlIsUsedWithoutEnv() throws IOException {
        cli.env.remove("DATABASE_URL");
        cli.env.put("STAGING_URL", pg.url());
        Files.writeString(work.resolve("lockstep.toml"), "dir = \"db/migrations\"\ndefault-env = \"staging\"\n"
                + "[env.staging]\nurl-env = \"STAGING_URL\"\n[env.production]\nurl-env = \"PROD_URL\"\n");
        Cli.Run status = cli.run("status", "--exit-code");
        assertThat(status.exit()).as(status.toString()).isEqualTo(6);
        assertThat(status.out()).contains("Database:    postgres@localhost:" + pg.port() + "/" + pg.database());
    }

    @Test
    void theDryRunOfAFileWithItsOwnBlocksShowsThemAndMigrateRunsThem() throws IOException {
        Files.writeString(work.resolve("db/migrations/V3__blocks.sql"), "BEGIN;\nALTER TABLE accounts ADD COLUMN a int;\n"
                + "COMMIT;\nBEGIN;\nALTER TABLE accounts ADD COLUMN b int;\nCOMMIT;\n");
        Cli.Run dry = cli.run("migrate", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("-- runs as written: 2 BEGIN ... COMMIT blocks as written (lines 1-3, 4-6): each "
                + "block is one transaction").contains("-- + its history row, updated in each block's transaction");
        Cli.Run json = cli.run("--output", "json", "migrate", "--dry-run");
        assertThat(json.out()).contains("\"blocks\" : 2");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                + "AND column_name IN ('a', 'b')")).isEqualTo("2");
    }

    @Test
    void theDryRunShowsEveryLockAStatementTakesAsLintExplainDoes() throws Exception {
        assertThat(cli.run("migrate").exit()).isZero();
        Files.writeString(work.resolve("db/migrations/V3__tasks.sql"), "CREATE TABLE tasks (id bigint PRIMARY KEY);\n"
                + "ALTER TABLE tasks ADD COLUMN account_id bigint REFERENCES accounts (id);\n");
        Cli.Run dry = cli.run("migrate", "--dry-run", "--allow-unsafe");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("-- line 2 · ALTER TABLE · lock: ACCESS EXCLUSIVE on tasks, "
                + "SHARE ROW EXCLUSIVE on accounts\n");
        Cli.Run json = cli.run("--output", "json", "migrate", "--dry-run", "--allow-unsafe");
        com.fasterxml.jackson.databind.JsonNode statement = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out()).path("plan").get(0).path("statements").get(1);
        assertThat(statement.path("lock").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(statement.path("locks").toString())
                .isEqualTo("[\"ACCESS EXCLUSIVE on tasks\",\"SHARE ROW EXCLUSIVE on accounts\"]");
    }
}
