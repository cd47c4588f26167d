package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    Cli cli;
    JsonNode manifest;
    String file;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n"
                + "INSERT INTO t SELECT generate_series(1, 10);\n");
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Run backup = cli.run("backup", "--output", "json");
        assertThat(backup.exit()).as(backup.toString()).isZero();
        manifest = JSON.readTree(backup.out());
        file = "backups/" + manifest.path("file").asText();
        Files.writeString(work.resolve("migrations/V2__later.sql"), "CREATE TABLE later (t_id bigint REFERENCES t);\n");
        assertThat(cli.run("migrate").exit()).isZero();
    }

    @AfterEach
    void dropLeftovers() {
        for (List<String> row : pg.query("SELECT datname FROM pg_database WHERE datname LIKE '" + pg.database()
                + "\\_%'")) {
            pg.execute("DROP DATABASE IF EXISTS \"" + row.get(0) + "\" WITH (FORCE)");
        }
    }

    @Test
    void aRestoreSaysItIsIdenticalToTheBackupAndItsJsonIsTyped() throws IOException {
        Cli.Run text = cli.run("restore", file, "--yes");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).contains("the database is at migration version 1.")
                .contains("It is identical to the backup of " + manifest.path("createdAt").asText()
                        + ": schema, privileges and row counts");
        assertThat(pg.tableExists("later")).isFalse();

        Cli.Run json = cli.run("restore", file, "--yes", "--output", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode r = JSON.readTree(json.out());
        assertThat(r.path("identical").isBoolean()).isTrue();
        assertThat(r.path("identical").asBoolean()).isTrue();
        assertThat(r.path("migrationVersion").asText()).isEqualTo("1");
        assertThat(r.path("previousDatabase").isNull()).isTrue();
        assertThat(r.path("differences")).isEmpty();
        assertThat(r.path("checkMs").isNumber()).isTrue();
    }

    @Test
    void aDifferenceFromTheBackupExitsWith5AndListsIt() throws IOException {
        Path m = work.resolve(file + ".manifest.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(m.toFile());
        ((ObjectNode) doc.path("catalog").path("rows")).put("public.t", 11);
        JSON.writeValue(m.toFile(), doc);

        Cli.Run text = cli.run("restore", file, "--yes");
        assertThat(text.exit()).as(text.toString()).isEqualTo(5);
        assertThat(text.out()).contains("It DIFFERS from the backup of").contains("in 1 way(s):")
                .contains("  - rows of public.t: 11 in the backup, 10 now")
                .contains("Note: the database it replaced is kept as " + pg.database() + "_replaced_");
        assertThat(text.err()).contains("error: the restored database " + pg.database() + " differs");

        Cli.Run json = cli.run("restore", file, "--yes", "--output", "json");
        assertThat(json.exit()).isEqualTo(5);
        JsonNode one = JSON.readTree(json.out());
        assertThat(one.path("error").path("code").asText()).isEqualTo("RESTORE_MISMATCH");
        assertThat(one.path("error").path("exitCode").asInt()).isEqualTo(5);
        assertThat(one.path("result").path("identical").asBoolean()).isFalse();
        assertThat(one.path("result").path("differences").get(0).asText())
                .isEqualTo("rows of public.t: 11 in the backup, 10 now");
    }

    @Test
    void badInputIsRefusedBeforeAnythingChanges() throws IOException {
        Cli.Run missing = cli.run("restore", "backups/no-such.dump", "--yes");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no-such.dump does not exist");

        pg.execute("CREATE DATABASE " + pg.database() + "_taken");
        Cli.Run taken = cli.run("restore", file, "--to-new", pg.database() + "_taken");
        assertThat(taken.exit()).isEqualTo(2);
        assertThat(taken.err()).contains(pg.database() + "_taken already exists").contains("nothing was restored");

        Cli.Run unconfirmed = cli.run("restore", file);
        assertThat(unconfirmed.exit()).isEqualTo(3);
        assertThat(pg.tableExists("later")).isTrue();
    }
}
