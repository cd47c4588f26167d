package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PreflightCommandTest {
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
        Files.writeString(work.resolve("lockstep.toml"), "[env.production]\nurl-env = \"PROD_URL\"\nprotected = true\n"
                + "[preflight]\nrequired-env = [\"PROD_URL\", \"SLACK_WEBHOOK\"]\n");
    }

    @Test
    void printsEachCheckAndExits3WhenOneFails() {
        Cli.Run run = cli.run("--env", "production", "preflight", "--yes", "--confirm-env", "production");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).containsPattern("PASS +target +environment production \\(protected\\)")
                .containsPattern("FAIL +environment variables +missing: SLACK_WEBHOOK")
                .contains("Preflight FAILED: 1 check(s) failed.")
                .doesNotContain(pg.url());
        cli.env.put("SLACK_WEBHOOK", "https://hooks.example.test/secret-token");
        Cli.Run ok = cli.run("--env", "production", "preflight", "--yes", "--confirm-env", "production");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).doesNotContain("secret-token").contains("Preflight passed");
    }

    @Test
    void aProtectedEnvironmentWithoutConfirmationInANonInteractiveShellIsRefused() {
        Cli.Run run = cli.run("--env", "production", "preflight");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("protected").contains("--confirm-env production");
        Cli.Run wrongName = cli.run("--env", "production", "preflight", "--yes", "--confirm-env", "staging");
        assertThat(wrongName.exit()).isEqualTo(3);
    }
}
