package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.Golden;
import dev.lockstep.testkit.TestPostgres;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "-- index the email\nCREATE INDEX accounts_email ON accounts (email);\n");
    }

    @Test
    void aMistypedFormatOrFailOnLevelIsAUsageErrorThatNamesTheValueMeant() {
        Cli.Run level = cli.run("lint", "--fail-on", "warnings");
        assertThat(level.exit()).isEqualTo(2);
        assertThat(level.err()).contains("--fail-on must be error, warning, hint or none, not 'warnings'")
                .contains("did you mean 'warning'?");
        Cli.Run format = cli.run("lint", "--format", "sarf");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("did you mean 'sarif'?");
        assertThat(cli.run("lint", "--format", "yaml").err()).contains("not 'yaml'").doesNotContain("did you mean");
        assertThat(level.out()).isEmpty();
    }

    @Test
    void textShowsEachFindingWithItsLineACaretAndTheFixAndExits3() {
        Cli.Run run = cli.run("lint");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        Golden.assertMatches(Path.of("src/test/resources/golden/lint-text.txt"), run.out());
    }

    @Test
    void aParentDirectoryIsLintedThroughItsSubdirectoriesInsteadOfPassingWithNoFiles() throws IOException {
        Path other = Files.createDirectories(work.resolve("services/billing/db"));
        Files.writeString(other.resolve("V1__invoices.sql"), "CREATE TABLE invoices (id bigint PRIMARY KEY);\n"
                + "ALTER TABLE accounts ADD COLUMN plan text NOT NULL;\n");
        Cli.Run parent = cli.run("lint", "--format", "json", ".");
        assertThat(parent.exit()).as(parent.toString()).isEqualTo(3);
        assertThat(parent.out()).contains("\"files\" : 3").contains("migrations/V2__index.sql")
                .contains("services/billing/db/V1__invoices.sql");
        Cli.Run services = cli.run("lint", "--fail-on", "none", "services");
        assertThat(services.exit()).as(services.toString()).isZero();
        assertThat(services.out()).contains("in 1 file").contains("adding-not-nullable-field");
        Files.createDirectories(work.resolve("empty/nothing"));
        Cli.Run empty = cli.run("lint", "empty");
        assertThat(empty.exit()).as(empty.toString()).isZero();
        assertThat(empty.out()).contains("0 files");
    }

    @Test
    void aParentIsSearchedOnlyForDirectoriesOfMigrationsNotBuildOutputLinksOrOtherSql() throws IOException {
        Path copy = Files.createDirectories(work.resolve("app/target/classes/db/migration"));
        Files.writeString(copy.resolve("V1__stale.sql"), "ALTER TABLE accounts ADD COLUMN plan text NOT NULL;\n");
        Path dumps = Files.createDirectories(work.resolve("app/dumps"));
        Files.write(dumps.resolve("prod.sql"), new byte[] {(byte) 0xe9, 'x', ';'});
        Path source = Files.createDirectories(work.resolve("app/src/main/resources/db/migration"));
        Files.writeString(source.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Files.createSymbolicLink(work.resolve("app/src/loop"), work.resolve("app"));
        Cli.Run run = cli.run("lint", "--format", "json", "app");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"files\" : 1").doesNotContain("stale").doesNotContain("prod.sql");
    }

    @Test
    void theIgnoreGlobsApplyToADirectoryNamedOnTheCommandLineButNotToANamedFile() throws IOException {
        Path draft = work.resolve("migrations/V9__draft.sql");
        Files.writeString(draft, "ALTER TABLE accounts ADD COLUMN plan text DEFAULT 'free;\n");
        Cli.Run unconfigured = cli.run("lint", "--fail-on", "none", "migrations");
        assertThat(unconfigured.out()).as(unconfigured.toString()).contains("V9__draft.sql").contains("syntax-error");

        Files.writeString(work.resolve("lockstep.toml"), "ignore = [\"V9__*.sql\"]\n");
        for (String[] args : new String[][] {{"lint", "--fail-on", "none"}, {"lint", "--fail-on", "none", "migrations"},
                {"lint", "--fail-on", "none", "."}}) {
            Cli.Run run = cli.run(args);
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).as(String.join(" ", args)).contains("in 2 files").doesNotContain("V9__draft.sql");
        }
        Cli.Run named = cli.run("lint", "--fail-on", "none", "migrations/V9__draft.sql");
        assertThat(named.out()).as(named.toString()).contains("V9__draft.sql").contains("syntax-error");
    }

    @Test
    void aFileWithUpAndDownSectionsCountsAsOneFile() throws IOException {
        Path dir = Files.createDirectories(work.resolve("sections"));
        Files.writeString(dir.resolve("20240101000000_users.sql"), "-- migrate:up\nCREATE TABLE users (id bigint);\n"
                + "-- migrate:down\nDROP TABLE users;\n");
        Files.writeString(dir.resolve("20240102000000_roles.sql"), "-- +goose Up\nCREATE TABLE roles (id bigint);\n"
                + "-- +goose Down\nDROP TABLE roles;\n");
        Cli.Run run = cli.run("lint", "--fail-on", "none", "sections");
        assertThat(run.out()).as(run.toString()).contains("in 2 files (4 statements");
    }

    @Test
    void aFileThatDoesNotExistIsNamedWithTheReason() {
        Cli.Run run = cli.run("lint", "nonexistent.sql");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: cannot read nonexistent.sql: no such file\n");
    }

    @Test
    void manyNamedFilesAreLintedInTheOrderGivenAndTheFirstBadOneInThatOrderIsTheError() throws IOException {
        Path many = Files.createDirectories(work.resolve("many"));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("lint", "--format", "json"));
        for (int i = 40; i >= 1; i--) { // read on every core from 32 files on; given in reverse order
            Files.writeString(many.resolve("f" + i + ".sql"), "CREATE TABLE t" + i + " (id int PRIMARY KEY);\n");
            args.add("many/f" + i + ".sql");
        }
        Cli.Run all = cli.run(args.toArray(String[]::new));
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).contains("\"files\" : 40");
        assertThat(all.out().indexOf("many/f1.sql")).isPositive().isLessThan(all.out().indexOf("many/f40.sql"));

        args.set(3 + 34, "many/missing-late.sql");
        args.set(3 + 5, "many/missing-early.sql");
        Cli.Run bad = cli.run(args.toArray(String[]::new));
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: cannot read many/missing-early.sql: no such file\n");
        assertThat(bad.out()).isEmpty();
    }

    @Test
    void failOnDecidesTheExitCode() {
        assertThat(cli.run("lint", "--fail-on", "none").exit()).isZero();
        Cli.Run warnings = cli.run("lint", "--fail-on", "warning", "migrations/V1__accounts.sql");
        assertThat(warnings.exit()).as(warnings.toString()).isZero();
    }

    @Test
    void jsonSarifAndGithubFormats() throws IOException {
        JsonNode json = new ObjectMapper().readTree(cli.run("lint", "--format", "json").out());
        assertThat(json.path("violations").get(0).path("rule").asText()).isEqualTo("require-concurrent-index");
        assertThat(json.path("violations").get(0).path("span").path("line").asInt()).isEqualTo(2);
        assertThat(json.path("pgVersion").asInt()).isEqualTo(15);

        JsonNode sarif = new ObjectMapper().readTree(cli.run("lint", "--format", "sarif").out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode result = sarif.path("runs").get(0).path("results").get(0);
        assertThat(result.path("ruleId").asText()).isEqualTo("require-concurrent-index");
        assertThat(result.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt())
                .isEqualTo(2);

        String github = cli.run("lint", "--format", "github").out();
        assertThat(github).startsWith("::error file=migrations/V2__index.sql,line=2,col=1,"
                + "title=lockstep require-concurrent-index::CREATE INDEX without CONCURRENTLY");
    }

    @Test
    void readsStandardInputWithADash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        CliContext ctx = new CliContext(ps, ps, new BufferedReader(new StringReader("ALTER TABLE t RENAME TO u;\n")),
                Map.of("HOME", work.toString()), work, Clock.systemUTC(), false);
        assertThat(Main.run(ctx, "lint", "-")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<stdin>:1:1: warning[renaming-table]");
    }

    @Test
    void anUnknownRuleInTheConfigurationIsAnErrorNamingIt() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[lint]\ndisable = [\"require-concurent-index\"]\n");
        Cli.Run run = cli.run("lint");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown lint rule 'require-concurent-index'");
        Files.writeString(work.resolve("lockstep.toml"), "[lint]\ndisable = [\"require-concurrent-index\"]\n");
        assertThat(cli.run("lint").exit()).isZero();
    }

    @Test
    void migrateRefusesErrorFindingsUnlessAllowedAndDryRunShowsThem() {
        cli.env.put("DATABASE_URL", pg.url());
        assertThat(cli.run("migrate", "--target", "1").exit()).isZero();
        Cli.Run small = cli.run("migrate", "--dry-run");
        assertThat(small.out()).contains("-- lint error [require-concurrent-index] migrations/V2__index.sql:2:1")
                .contains("--   does not block: accounts is small (");
        cli.env.put("LOCKSTEP_LINT_GATE_MIN_SIZE", "0");
        Cli.Run dry = cli.run("migrate", "--dry-run");
        assertThat(dry.out()).contains("--   blocks: accounts has ").contains("(lint-gate-min-rows 10000, "
                + "lint-gate-min-size 0 bytes)");
        Cli.Run refused = cli.run("migrate");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).contains("1 lint error in pending migrations; nothing was applied")
                .contains("migrations/V2__index.sql:2:1: require-concurrent-index").contains("blocks: accounts has ")
                .contains("--allow-unsafe");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("0");
        Cli.Run allowed = cli.run("migrate", "--allow-unsafe");
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("1");
    }

    @Test
    void aSuppressionWithAReasonLetsMigrateApplyIt() throws IOException {
        cli.env.put("DATABASE_URL", pg.url());
        Files.writeString(work.resolve("migrations/V2__index.sql"), "-- lockstep:ignore require-concurrent-index "
                + "accounts is created empty in V1\nCREATE INDEX accounts_email ON accounts (email);\n");
        Cli.Run run = cli.run("migrate");
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @Test
    void usesTheServersVersionWhenADatabaseIsConfigured() throws IOException {
        cli.env.put("DATABASE_URL", pg.url());
        JsonNode json = new ObjectMapper().readTree(cli.run("lint", "--format", "json").out());
        assertThat(json.path("pgVersion").asInt()).isEqualTo(15);
        JsonNode pinned = new ObjectMapper().readTree(cli.run("lint", "--format", "json", "--pg-version", "10").out());
        assertThat(pinned.path("pgVersion").asInt()).isEqualTo(10);
    }

    @Test
    void withADatabaseEachFindingSaysWhetherMigrateWouldBlockOnIt() throws IOException {
        Cli.Run fresh = cli.run("lint", "--url", pg.url());
        assertThat(fresh.exit()).as(fresh.toString()).isZero();
        assertThat(fresh.out()).contains("error[require-concurrent-index]")
                .contains("   migrate: does not block: accounts is created in this run (migration 1)")
                .contains("; 0 would block migrate on this database.");

        pg.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email text)");
        pg.execute("INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 200000) g");
        pg.execute("ANALYZE accounts");
        Files.writeString(work.resolve("migrations/V1__accounts.sql"), "CREATE TABLE IF NOT EXISTS accounts (id bigint);\n");
        Cli.Run live = cli.run("lint", "--url", pg.url(), "--output", "json");
        assertThat(live.exit()).as(live.toString()).isEqualTo(3);
        var verdict = new com.fasterxml.jackson.databind.ObjectMapper().readTree(live.out()).get("violations").get(0)
                .get("verdict");
        assertThat(verdict.get("blocks").asBoolean()).isTrue();
        assertThat(verdict.get("reason").asText()).startsWith("accounts has ~200000 rows, ");
    }

    @Test
    void explainPrintsEachStatementsLocksAndWhereTheyEnd() throws IOException {
        Files.writeString(work.resolve("blocks.sql"), "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;\n"
                + "CREATE INDEX CONCURRENTLY orders_note ON orders (note);\n");
        Cli.Run text = cli.run("lint", "--explain", "blocks.sql");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("blocks.sql (PostgreSQL 15, 2 transactions)")
                .contains("ACCESS EXCLUSIVE on orders · blocks reads and writes · held until COMMIT at line 3")
                .contains("SHARE UPDATE EXCLUSIVE on orders · blocks schema changes, VACUUM and index builds · held until "
                        + "end of statement");
        JsonNode json = new ObjectMapper().readTree(cli.run("lint", "--explain", "--format", "json", "blocks.sql").out());
        JsonNode alter = json.get(0).path("steps").get(1);
        assertThat(alter.path("locks").get(0).path("mode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(alter.path("locks").get(0).path("blocksReads").asBoolean()).isTrue();
        assertThat(alter.path("heldUntilLine").asInt()).isEqualTo(3);
        assertThat(json.get(0).path("steps").get(0).path("transaction").isNull()).isTrue();
        assertThat(cli.run("lint", "--explain", "--format", "sarif", "blocks.sql").exit()).isEqualTo(2);
    }

    @Test
    void hintsFailOnlyWithFailOnHint() throws IOException {
        Files.writeString(work.resolve("style.sql"), "CREATE TABLE events (id serial PRIMARY KEY, at timestamp);\n");
        Cli.Run warning = cli.run("lint", "--fail-on", "warning", "style.sql");
        assertThat(warning.exit()).as(warning.toString()).isZero();
        assertThat(warning.out()).contains("hint[prefer-identity]").contains("0 errors, 0 warnings, 3 hints in 1 file");
        assertThat(cli.run("lint", "--fail-on", "hint", "style.sql").exit()).isEqualTo(3);
        assertThat(cli.run("lint", "--fail-on", "notice", "style.sql").exit()).isEqualTo(2);
    }

    @Test
    void aDownScriptThatCannotBeReadIsFoundByLintValidateAndMigrate() throws IOException {
        cli.env.put("DATABASE_URL", pg.url());
        Files.writeString(work.resolve("migrations/V2__index.sql"), "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n");
        Files.writeString(work.resolve("migrations/U2__index.sql"), "DROP INDEX CONCURRENTLY accounts_email';\n");
        Cli.Run lint = cli.run("lint");
        assertThat(lint.exit()).as(lint.toString()).isEqualTo(3);
        assertThat(lint.out()).contains("migrations/U2__index.sql:1:39: error[syntax-error]: unterminated string");
        Cli.Run validate = cli.run("validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(5);
        assertThat(validate.out() + validate.err()).contains("the down script of migration 2 cannot be read");
        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(5);
        assertThat(migrate.err()).contains("migrations/U2__index.sql:1:39").contains("nothing was applied");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'accounts'")).isEqualTo("0");
    }

    @Test
    void requireDownIsOffUntilEnabled() throws IOException {
        assertThat(cli.run("lint", "--fail-on", "none").out()).doesNotContain("require-down");
        Files.writeString(work.resolve("lockstep.toml"), "[lint]\nenable = [\"require-down\"]\n");
        Cli.Run run = cli.run("lint", "--fail-on", "warning");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("migrations/V1__accounts.sql:1:1: warning[require-down]: migration "
                + "V1__accounts.sql has no down script");
        Files.writeString(work.resolve("migrations/U1__accounts.sql"), "DROP TABLE accounts;\n");
        assertThat(cli.run("lint", "--fail-on", "warning").out()).doesNotContain("V1__accounts.sql:1:1: warning[require-down]");
    }

    @Test
    void explicitBlocksAreNotTransactionNesting() throws IOException {
        Files.writeString(work.resolve("blocks.sql"), "BEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"
                + "COMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;\n");
        Cli.Run run = cli.run("lint", "blocks.sql");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No findings");
    }

    @Test
    void rollbackDryRunStopsAtADownScriptThatCannotBeRead() throws IOException {
        cli.env.put("DATABASE_URL", pg.url());
        Files.writeString(work.resolve("migrations/U1__accounts.sql"), "DROP TABLE accounts;\n");
        assertThat(cli.run("migrate", "--target", "1").exit()).isZero();
        Files.writeString(work.resolve("migrations/U1__accounts.sql"), "DROP TABLE \"accounts;\n");
        Cli.Run dry = cli.run("rollback", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isNotZero();
        assertThat(dry.err()).contains("migrations/U1__accounts.sql:1:12");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'accounts'")).isEqualTo("1");
        Cli.Run validate = cli.run("validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(5);
        assertThat(validate.out() + validate.err()).contains("the down script of migration 1 cannot be read");
        // The rollback of an applied migration does not hold up new work.
        Cli.Run migrate = cli.run("migrate", "--allow-unsafe");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("1");
    }
}
