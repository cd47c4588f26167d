package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** [env.production] requires = "staging": production deploys only what staging deployed and verified. */
class RequiresTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    String staging;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        staging = pg.database() + "_staging";
        pg.execute("DROP DATABASE IF EXISTS " + staging);
        pg.execute("CREATE DATABASE " + staging);
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);")
                .write("V2__seed.sql", "INSERT INTO accounts VALUES (1, NULL);");
        Files.createDirectories(root.resolve("verify"));
        Files.writeString(root.resolve("verify/emails.sql"), "SELECT id FROM accounts WHERE email IS NULL;");
        String server = "postgres://postgres@localhost:" + pg.port() + "/";
        Files.writeString(root.resolve("lockstep.toml"), "backup-provider = \"template\"\n\n"
                + "[env.staging]\nurl = \"" + server + staging + "\"\naudit-table = true\n\n"
                + "[env.production]\nurl = \"" + server + pg.database() + "\"\nrequires = \"staging\"\n");
    }

    @AfterEach
    void dropStaging() {
        pg.execute("DROP DATABASE IF EXISTS " + staging + " WITH (FORCE)");
    }

    private Lockstep env(String name, Map<Setting<?>, String> options) {
        Lockstep.Builder b = Lockstep.configure().fromEnvironment(root, name, Map.of("HOME", root.toString(),
                "USER", "tester"));
        options.forEach(b::option);
        return b.build();
    }

    private static DeployFailedException refused(Lockstep production) {
        try {
            production.deploy(DeployOptions.DEFAULT);
        } catch (DeployFailedException e) {
            return e;
        }
        throw new AssertionError("the production deploy was not refused");
    }

    @Test
    void productionIsRefusedWhileStagingFailedVerifyOrLacksAMigrationAndAllowedOnceStagingPasses() throws Exception {
        Lockstep production = env("production", Map.of());
        DeployFailedException nothingOnStaging = refused(production);
        assertThat(nothingOnStaging.exitCode()).isEqualTo(3);
        assertThat(nothingOnStaging.result().failedStep()).isEqualTo("preflight");
        assertThat(nothingOnStaging.getMessage()).contains("required environment: 1 is not applied on staging; "
                + "2 is not applied on staging");
        assertThat(pg.tableExists("accounts")).as("nothing ran on production").isFalse();

        assertThatThrownBy(() -> env("staging", Map.of()).deploy(DeployOptions.DEFAULT))
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("step verify");
        DeployFailedException failedVerify = refused(production);
        assertThat(failedVerify.getMessage()).contains("1 failed verification on staging (1 verification check(s) "
                + "failed, first: verify/emails.sql");

        m.write("V3__fix_emails.sql", "UPDATE accounts SET email = 'a@example.com' WHERE email IS NULL;");
        assertThat(refused(production).getMessage()).contains("3 is not applied on staging");
        assertThat(env("staging", Map.of()).deploy(DeployOptions.DEFAULT).outcome()).isEqualTo("success");
        DeployResult r = production.deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.preflight().checks()).filteredOn(c -> c.name().equals("required environment")).singleElement()
                .satisfies(c -> assertThat(c.measured()).isEqualTo("all 3 pending migration(s) deployed on staging "
                        + "with the same checksum, verify passed"));

        m.write("V4__plan.sql", "ALTER TABLE accounts ADD COLUMN plan text;");
        assertThat(refused(production).getMessage()).contains("4 is not applied on staging");
    }

    @Test
    void aChangedFileIsNotWhatStagingVerified() throws Exception {
        env("staging", Map.of()).migrate();
        m.write("V2__seed.sql", "INSERT INTO accounts VALUES (1, 'changed@example.com');");
        PreflightReport report = env("production", Map.of()).preflight(null);
        assertThat(report.checks()).filteredOn(c -> c.name().equals("required environment")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(PreflightReport.Status.FAIL);
                    assertThat(c.measured()).contains("1 was not applied by a deploy on staging")
                            .contains("2 is on staging with another checksum")
                            .contains("; no deploy has run on staging yet (its audit table does not exist): deploy there");
                });

        Path toml = root.resolve("lockstep.toml");
        Files.writeString(toml, Files.readString(toml).replace("audit-table = true", "audit-table = false"));
        assertThat(env("production", Map.of()).preflight(null).checks())
                .filteredOn(c -> c.name().equals("required environment")).singleElement()
                .satisfies(c -> assertThat(c.measured()).contains("; staging keeps no audit table: set audit-table = "
                        + "true in [env.staging] and deploy there"));
    }

    @Test
    void overridingTakesAReasonThatTheDeployRecords() throws Exception {
        Files.writeString(root.resolve("verify/emails.sql"), "SELECT 1 WHERE false;");
        DeployResult r = env("production", Map.of(Setting.SKIP_REQUIRES_REASON, "INC-42: staging is down"))
                .deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps().get(1).detail()).contains("required environment: overridden (INC-42: staging is down): "
                + "1 is not applied on staging");
        assertThat(Files.readString(root.resolve(".lockstep/audit.jsonl"))).contains("INC-42: staging is down");
    }

    @Test
    void aRequiredEnvironmentThatIsNotDefinedIsAConfigurationError() throws Exception {
        Files.writeString(root.resolve("lockstep.toml"), "[env.production]\nurl = \"" + pg.url()
                + "\"\nrequires = \"stagign\"\n");
        assertThatThrownBy(() -> env("production", Map.of())).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.getMessage()).contains("environment 'stagign' is not defined in lockstep.toml");
        });
    }
}
