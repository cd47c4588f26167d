package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReviewedPlanCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("PROD_URL", pg.url());
        cli.env.put("USER", "bob");
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Files.writeString(work.resolve("migrations/U1__accounts.sql"), "DROP TABLE accounts;\n");
        Files.writeString(work.resolve("migrations/V2__names.sql"), "ALTER TABLE accounts ADD COLUMN name text;\n");
        Files.writeString(work.resolve("lockstep.toml"), "backup-provider = \"template\"\n[env.production]\n"
                + "url-env = \"PROD_URL\"\napprovals = 1\n");
    }

    private Cli.Run as(String user, String... args) {
        cli.env.put("USER", user);
        return cli.run(args);
    }

    @Test
    void aDryRunPrintsTheWholePlanWithTheDownPlanAndSavesIt() throws IOException {
        Cli.Run run = cli.run("--env", "production", "deploy", "--dry-run", "--plan-out", "plan.json");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("-- apply 1: accounts (migrations/V1__accounts.sql)")
                .contains("CREATE TABLE accounts (id bigint PRIMARY KEY);").contains("BEGIN;")
                .contains("-- line 1 · ALTER TABLE · lock: ACCESS EXCLUSIVE on accounts")
                .contains("-- Down plan: no down script for 2, so 'lockstep rollback' would refuse to undo this "
                        + "deploy (naming them)")
                .contains("-- rollback 1: accounts (migrations/U1__accounts.sql)").contains("DROP TABLE accounts;").containsPattern("-- Plan sha256:[0-9a-f]{64}")
                .contains("environment production").containsPattern("ok +review +\\d+ ms  plan [0-9a-f]{12}: 2 "
                        + "migration\\(s\\), saved to plan.json")
                .contains("Dry run: nothing was changed.");
        assertThat(work.resolve("plan.json")).exists();
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void theJsonResultCarriesTheReviewedPlanWithTypedFields() throws IOException {
        Cli.Run run = cli.run("--env", "production", "--output", "json", "deploy", "--dry-run");
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode review = new ObjectMapper().readTree(run.out()).path("review");
        assertThat(review.path("hash").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(review.path("down").get(0).path("statements").get(0).path("sql").asText())
                .isEqualTo("DROP TABLE accounts");
        assertThat(review.path("irreversible").get(0).asText()).isEqualTo("2");
        assertThat(review.path("inputs").path("phase").isNull()).isTrue();
        assertThat(review.path("inputs").path("target").path("databaseOid").isNumber()).isTrue();
    }

    @Test
    void anEnvironmentThatNeedsApprovalsDeploysOnlyAnApprovedPlanAndNotOnTheDeployersOwnWord() {
        Cli.Run unreviewed = cli.run("--env", "production", "deploy");
        assertThat(unreviewed.exit()).isEqualTo(3);
        assertThat(unreviewed.err()).contains("environment 'production' needs 1 approval(s) of a saved plan")
                .contains("hint: save the plan with 'lockstep deploy --env production --dry-run --plan-out plan.json'");

        assertThat(cli.run("--env", "production", "deploy", "--dry-run", "--plan-out", "plan.json").exit()).isZero();
        Cli.Run own = as("bob", "approve", "plan.json", "--env", "production");
        assertThat(own.exit()).as(own.toString()).isZero();
        Cli.Run refused = as("bob", "--env", "production", "deploy", "--plan", "plan.json");
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("it has 0; the deployer's own approval does not count")
                .contains("hint: ask 1 more reviewer(s) to run 'lockstep approve plan.json --env production'");
        assertThat(pg.tableExists("accounts")).isFalse();

        Cli.Run approved = as("alice", "approve", "plan.json", "--env", "production");
        assertThat(approved.exit()).as(approved.toString()).isZero();
        assertThat(approved.out()).containsPattern("Approved plan sha256:[0-9a-f]{64} for environment production \\(")
                .contains(" as alice").contains("Approved so far by: bob, alice.");

        Cli.Run deployed = as("bob", "--env", "production", "deploy", "--plan", "plan.json");
        assertThat(deployed.exit()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).containsPattern("ok +review .*matches plan.json \\([0-9a-f]{12}\\), approved by alice")
                .contains("Deployed.");
        assertThat(pg.tableExists("accounts")).isTrue();
    }

    @Test
    void anEditedMigrationOrACorruptPlanFileIsRefusedWithItsExitCode() throws IOException {
        assertThat(cli.run("--env", "production", "deploy", "--dry-run", "--plan-out", "plan.json").exit()).isZero();
        Files.writeString(work.resolve("migrations/V2__names.sql"), "ALTER TABLE accounts ADD COLUMN full_name text;\n");
        Cli.Run changed = as("alice", "approve", "plan.json", "--env", "production");
        assertThat(changed.exit()).isEqualTo(5);
        assertThat(changed.err()).contains("V2__names.sql changed (checksum");

        Files.writeString(work.resolve("plan.json"), "not a plan");
        Cli.Run corrupt = as("alice", "--output", "json", "approve", "plan.json", "--env", "production");
        assertThat(corrupt.exit()).isEqualTo(2);
        assertThat(corrupt.out()).contains("\"code\" : \"PLAN_FILE\"").contains("not valid JSON");
        assertThat(pg.tableExists("lockstep.lockstep_audit")).isFalse();
    }
}
