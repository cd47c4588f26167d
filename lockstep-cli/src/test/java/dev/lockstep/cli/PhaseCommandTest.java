package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PhaseCommandTest {
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
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__contributions.sql"), "CREATE TABLE contributions (id bigint PRIMARY KEY, "
                + "old_field text);\n");
        Files.writeString(dir.resolve("V2__add_new_field.sql"), "-- lockstep:phase expand\n"
                + "ALTER TABLE contributions ADD COLUMN new_field text;\n");
        Files.writeString(dir.resolve("V3__drop_old_field.sql"), "-- lockstep:phase contract\n"
                + "-- lockstep:ignore ban-drop-column release 2.4 no longer reads old_field\n"
                + "ALTER TABLE contributions DROP COLUMN old_field;\n");
    }

    @Test
    void statusShowsTheContractMigrationWaitingAndItDoesNotCountAsPending() throws IOException {
        Cli.Run expand = cli.run("migrate", "--phase", "expand");
        assertThat(expand.exit()).as(expand.toString()).isZero();
        assertThat(expand.err()).contains("1 contract migration(s) wait for 'migrate --phase contract': 3");

        Cli.Run status = cli.run("status", "--exit-code");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).containsPattern("3 +drop old field +waiting")
                .contains("contract phase: runs with 'lockstep migrate --phase contract'")
                .contains("Up to date.").contains("1 contract migration waits for its phase");
        Cli.Run json = cli.run("--output", "json", "status");
        assertThat(new ObjectMapper().readTree(json.out()).path("waiting").asInt()).isEqualTo(1);

        Cli.Run contract = cli.run("migrate", "--phase", "contract");
        assertThat(contract.exit()).as(contract.toString()).isZero();
        assertThat(cli.run("status").out()).doesNotContain("waiting");
    }

    @Test
    void anUnknownPhaseIsAUsageErrorAndAContractRefusalIsExit3() {
        Cli.Run bad = cli.run("migrate", "--phase", "sideways");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("error: --phase must be expand or contract, not 'sideways'").contains("hint: ");
        assertThat(pg.tableExists("contributions")).isFalse();

        Cli.Run early = cli.run("migrate", "--phase", "contract");
        assertThat(early.exit()).isEqualTo(3);
        assertThat(early.err()).contains("the contract phase needs every expand migration applied; not applied: 2 (");
        assertThat(pg.tableExists("contributions")).isFalse();

        cli.env.put("LOCKSTEP_CONTRACT_REQUIRES", "exit 7");
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Run check = cli.run("migrate", "--phase", "contract");
        assertThat(check.exit()).isEqualTo(3);
        assertThat(check.err()).contains("contract-requires did not pass").contains("'exit 7': exit 7");
    }
}
