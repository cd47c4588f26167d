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

/** A down script that fails at statement 2 of 3, as the command line shows it, then fixed and resumed. */
class RollbackStoppedCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final String DOWN = "-- lockstep:transaction off\nDROP TABLE invoices;\nDROP TABLE %s;\n"
            + "DROP TABLE payments;\n";

    @TempDir
    Path work;
    Cli cli;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V7__billing.sql"), "CREATE TABLE invoices (id int);\n"
                + "CREATE TABLE refunds (id int);\nCREATE TABLE payments (id int);\n");
        Files.writeString(dir.resolve("U7__billing.sql"), DOWN.formatted("refundz"));
        assertThat(cli.run("migrate", "-q").exit()).isZero();
    }

    @Test
    void statusValidateAndMigrateTellAStoppedRollbackAndRollbackResumesItOnceFixed() throws IOException {
        Cli.Run failed = cli.run("rollback");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("rollback of migration 7 failed at migrations/U7__billing.sql:3")
                .contains("1 of 3 statements of rollback of migration 7 are applied and recorded; fix statement 2 "
                        + "and run rollback again: it resumes there")
                .doesNotContain("run migrate again");

        Cli.Run status = cli.run("status", "--exit-code");
        assertThat(status.exit()).as(status.toString()).isEqualTo(6);
        assertThat(status.out()).containsPattern("\n  7 +billing +rollback stopped +\\d{4}-")
                .contains("\n      rollback of 7 stopped at statement 2 of 3: ")
                .contains("A rollback stopped part-way. Fix its down script and run 'lockstep rollback'")
                .doesNotContain("Up to date");

        JsonNode json = new ObjectMapper().readTree(cli.run("status", "--output", "json").out());
        assertThat(json.path("stoppedRollbacks").asInt()).isEqualTo(1);
        assertThat(json.path("upToDate").asBoolean()).isFalse();
        assertThat(json.path("migrations").get(1).path("note").asText()).startsWith("rollback of 7 stopped at statement 2 of 3");

        Cli.Run validate = cli.run("validate");
        assertThat(validate.exit()).as(validate.toString()).isEqualTo(5);
        assertThat(validate.out()).doesNotContain("Valid:").contains("1 problem in ")
                .contains("rollback stopped: rollback of 7 stopped at statement 2 of 3");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isEqualTo(5);
        assertThat(migrate.err()).contains("rollback of 7 stopped at statement 2 of 3")
                .contains("run 'lockstep rollback', which resumes at the failed statement");
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.tableExists("refunds")).isTrue();

        Files.writeString(dir.resolve("U7__billing.sql"), DOWN.formatted("refunds"));
        Cli.Run resumed = cli.run("rollback");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("rolled back +7").contains("Rolled back 1 migration")
                .contains("now at version 1.");
        assertThat(resumed.out() + resumed.err()).contains("resuming at statement 2 of 3");
        assertThat(pg.tableExists("refunds")).isFalse();
        assertThat(pg.tableExists("payments")).isFalse();

        Cli.Run after = cli.run("status", "--exit-code");
        assertThat(after.exit()).isEqualTo(6);
        assertThat(after.out()).containsPattern("\n  7 +billing +pending\n      rolled back at ").contains("1 to apply");
        assertThat(cli.run("validate").exit()).isZero();
    }
}
