package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RehearseCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        cli.env.put("LOCKSTEP_SCRATCH_URL", "postgres://postgres@localhost:" + pg.port() + "/postgres");
        dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
        assertThat(cli.run("migrate").exit()).isZero();
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX accounts_email ON accounts (email);\n"
                + "ALTER TABLE accounts ADD COLUMN plan text;\n");
        Files.writeString(dir.resolve("U2__index.sql"), "ALTER TABLE accounts DROP COLUMN plan;\n");
    }

    @Test
    void aDownScriptThatForgetsAnIndexExits5NamingIt() {
        Cli.Run r = cli.run("rehearse");
        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.out()).contains("Rehearsal of postgres@localhost:" + pg.port() + "/" + pg.database()
                        + " on a copy on postgres@localhost:" + pg.port() + " (built from the applied migrations, at version 1)")
                .containsPattern("  2 +index +\\d+ms +\\d+ms +- +2 problems")
                .contains("      residue: its down script does not leave the schema as it was before the migration (1 object differs)\n"
                        + "        table public.accounts: changed\n"
                        + "          index accounts_email: extra: CREATE INDEX accounts_email ON public.accounts USING btree (email)\n")
                .contains("      rerun-fails: fails when run again after its down script: migration 2 failed at ")
                .contains("      table accounts: rows unknown, ")
                .contains("Rehearsal found 2 problem(s) in 1 of 1 migration(s).");
    }

    @Test
    void aFixedDownScriptPasses() throws Exception {
        Files.writeString(dir.resolve("U2__index.sql"), "DROP INDEX accounts_email;\nALTER TABLE accounts DROP COLUMN plan;\n");
        Cli.Run r = cli.run("rehearse");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("  2 +index +\\d+ms +\\d+ms +\\d+ms +ok")
                .contains("Rehearsal passed: 1 migration(s)");
        assertThat(cli.run("status", "--exit-code").exit()).as("still pending on the database").isEqualTo(6);
    }

    @Test
    void aDumpThatIsNotABackupIsRefused() throws Exception {
        Files.writeString(work.resolve("some.dump"), "not a dump");
        Cli.Run r = cli.run("rehearse", "--from-dump", "some.dump");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no manifest").contains("some.dump.manifest.json");
        // Said before anything connects: with nothing listening there is no connection error.
        cli.env.put("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
        Cli.Run missing = cli.run("rehearse", "--from-dump", "nope.dump");
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.dump does not exist").doesNotContain("connect");
    }
}
