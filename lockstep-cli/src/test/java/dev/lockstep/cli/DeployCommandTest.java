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

class DeployCommandTest {
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
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Files.writeString(work.resolve("lockstep.toml"), "[env.production]\nurl-env = \"PROD_URL\"\nprotected = true\n");
    }

    @Test
    void deploysAProtectedEnvironmentConfirmedInCi() {
        Cli.Run refused = cli.run("--env", "production", "deploy");
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("not confirmed; nothing was done");
        assertThat(pg.tableExists("t")).isFalse();

        Cli.Run run = cli.run("--env", "production", "deploy", "--yes", "--confirm-env", "production");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("ok +preflight").containsPattern("ok +backup")
                .containsPattern("ok +migrate").contains("Deployed. Report: reports/");
        assertThat(pg.tableExists("t")).isTrue();
        assertThat(work.resolve(".lockstep/audit.jsonl")).exists();
    }

    @Test
    void aFailedDeployRolledBackSaysWhatItUndidInOneJsonDocument() throws IOException {
        Files.writeString(work.resolve("migrations/U1__t.sql"), "DROP TABLE t;\n");
        Files.writeString(work.resolve("migrations/V2__broken.sql"), "INSERT INTO no_such_table VALUES (1);\n");
        Cli.Run text = cli.run("--env", "production", "deploy", "--on-failure", "rollback", "--yes", "--confirm-env",
                "production");
        assertThat(text.exit()).as(text.toString()).isEqualTo(1);
        assertThat(text.out()).contains("Deploy FAILED at migrate.")
                .contains("undo (rollback): done: rolled back 1 with their down scripts")
                .doesNotContain("to undo:");
        assertThat(text.err()).contains("error: deploy failed at step migrate");
        assertThat(pg.tableExists("t")).isFalse();
        assertThat(cli.run("--env", "production", "repair", "--yes").exit()).isZero();

        Cli.Run json = cli.run("--env", "production", "deploy", "--on-failure", "rollback", "--yes", "--confirm-env",
                "production", "--output", "json");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("error").path("code").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(doc.path("result").path("undo").path("undone").get(0).path("version").asText()).isEqualTo("1");
        assertThat(doc.path("result").path("failedMigration").path("version").asText()).isEqualTo("2");
        assertThat(doc.path("result").path("undo").path("restore").isNull()).isTrue();
    }

    @Test
    void aBadOnFailureValueIsAUsageError() {
        Cli.Run run = cli.run("--env", "production", "deploy", "--on-failure", "panic");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--on-failure must be none, rollback or restore");
    }

    @Test
    void hooksAndTheWatchComeFromLockstepTomlAndTheCommandLine() throws IOException {
        Files.createDirectories(work.resolve("ops"));
        Files.writeString(work.resolve("lockstep.toml"), """
                [env.production]
                url-env = "PROD_URL"

                [hooks]
                before-migrate = "echo maintenance on, run $LOCKSTEP_RUN_ID > maintenance.txt"
                after-migrate = [{ run = "pwd > where.txt; exit 9", dir = "ops", timeout = "30s" }]

                [watch]
                baseline = "500ms"
                max-lock-waiters = 50
                """);
        Cli.Run run = cli.run("--env", "production", "deploy", "--watch", "1s", "--watch-interval", "200ms",
                "--hook-failure", "warn", "--output", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(Files.readString(work.resolve("maintenance.txt"))).startsWith("maintenance on, run ");
        assertThat(Files.readString(work.resolve("ops/where.txt")).strip()).endsWith("ops");
        assertThat(run.out()).contains("\"hook\" : \"after-migrate\"").contains("\"outcome\" : \"warning\"")
                .contains("\"exitCode\" : 9").contains("\"name\" : \"sessions waiting on locks\"")
                .contains("\"threshold\" : 50.0");
        assertThat(pg.tableExists("t")).isTrue();
    }

    @Test
    void aBadHookOrWatchSettingIsAConfigurationErrorBeforeAnythingRuns() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), """
                [env.production]
                url-env = "PROD_URL"

                [hooks]
                before-migrate = [{ command = "true" }]
                """);
        Cli.Run run = cli.run("--env", "production", "deploy");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("hooks.before-migrate: a hook has no key 'command' (run, timeout, dir)");
        Files.writeString(work.resolve("lockstep.toml"), "[env.production]\nurl-env = \"PROD_URL\"\n");
        Cli.Run watch = cli.run("--env", "production", "deploy", "--watch", "soon");
        assertThat(watch.exit()).isEqualTo(2);
        assertThat(watch.err()).contains("'soon' is not a duration");
        assertThat(pg.tableExists("t")).isFalse();
    }
}
