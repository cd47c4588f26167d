package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BaselineDetectCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        pg.execute("ALTER SCHEMA public OWNER TO pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; "
                + "COMMENT ON SCHEMA public IS 'standard public schema'");
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        cli.env.put("LOCKSTEP_SCRATCH_URL", "postgres://postgres@localhost:" + pg.port() + "/postgres");
        Path dir = Files.createDirectories(work.resolve("migrations"));
        for (int i = 1; i <= 10; i++) {
            Files.writeString(dir.resolve(String.format("%04d_step.sql", i)), "CREATE TABLE t" + i + " (id int);\n");
        }
        for (int i = 1; i <= 6; i++) {
            pg.execute("CREATE TABLE t" + i + " (id int)");
        }
    }

    @Test
    void proposesTheVersionAndRecordsItOnlyWhenConfirmed() {
        Cli.Run asked = cli.run("baseline", "--detect");
        assertThat(asked.exit()).as(asked.toString()).isEqualTo(3);
        assertThat(asked.out()).contains("The schema of postgres@localhost:" + pg.port() + "/" + pg.database()
                + " is what the files up to version 0006 produce.");
        assertThat(asked.err()).contains("detected version 0006; not recorded without confirmation")
                .contains("pass --yes to record it");
        assertThat(pg.tableExists("lockstep.lockstep_history")).isFalse();

        Cli.Run yes = cli.run("baseline", "--detect", "--yes");
        assertThat(yes.exit()).as(yes.toString()).isZero();
        assertThat(yes.out()).contains("Baselined at version 0006");
        assertThat(cli.run("status").out()).contains("Version:     0006").contains("4 to apply");
    }

    @Test
    void needsOneOfVersionOrDetect() {
        Cli.Run r = cli.run("baseline");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("baseline needs a VERSION, or --detect to find it");
    }
}
