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

class BackupCommandTest {
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
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n"
                + "INSERT INTO t SELECT generate_series(1, 10);\n");
        assertThat(cli.run("migrate").exit()).isZero();
    }

    @Test
    void backupListAndRestoreWithConfirmation() throws IOException {
        Cli.Run backup = cli.run("backup", "--output", "json");
        assertThat(backup.exit()).as(backup.toString()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(backup.out());
        String file = "backups/" + manifest.path("file").asText();
        assertThat(work.resolve(file)).exists();

        Cli.Run list = cli.run("backup", "--list");
        assertThat(list.out()).contains(manifest.path("file").asText()).contains("version 1");

        pg.execute("DELETE FROM t");
        Cli.Run refused = cli.run("restore", file);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("needs confirmation").contains("--yes");
        assertThat(pg.queryValue("SELECT count(*) FROM t")).isEqualTo("0");

        Cli.Run restored = cli.run("restore", file, "--yes");
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.err()).contains("(the SHA-256 is checked as it is restored)");
        assertThat(restored.out()).contains("the database is at migration version 1");
        assertThat(pg.queryValue("SELECT count(*) FROM t")).isEqualTo("10");
    }

    @Test
    void aMissingManifestIsAClearError() throws IOException {
        Files.createDirectories(work.resolve("backups"));
        Files.writeString(work.resolve("backups/hand-made.dump"), "x");
        Cli.Run run = cli.run("restore", "backups/hand-made.dump", "--yes");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no manifest").contains("pg_restore by hand");
    }

    @Test
    void theProviderComesFromLockstepTomlAndTheTemplateCopyRestores() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "backup-provider = \"template\"\n");
        Cli.Run backup = cli.run("backup", "--output", "json");
        assertThat(backup.exit()).as(backup.toString()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(backup.out());
        String copy = manifest.path("location").asText();
        try {
            assertThat(manifest.path("provider").asText()).isEqualTo("template");
            assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + copy + "'")).isEqualTo("1");
            assertThat(cli.run("backup", "--list").out()).contains(manifest.path("file").asText()).contains("template");

            pg.execute("DELETE FROM t");
            Cli.Run restored = cli.run("restore", "backups/" + manifest.path("file").asText(), "--yes");
            assertThat(restored.exit()).as(restored.toString()).isZero();
            assertThat(restored.err()).contains("template backup at " + copy).doesNotContain("SHA-256");
            assertThat(pg.queryValue("SELECT count(*) FROM t")).isEqualTo("10");
        } finally {
            pg.execute("DROP DATABASE IF EXISTS " + copy);
        }
    }

    @Test
    void theCommandProviderWithoutACommandExitsWithTheConfigCode() throws IOException {
        cli.env.put("LOCKSTEP_BACKUP_PROVIDER", "command");
        Cli.Run run = cli.run("backup");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("backup-command is not set");
        assertThat(work.resolve("backups")).isEmptyDirectory();
    }
}
