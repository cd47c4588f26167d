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

class ImportCommandTest {
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
        Files.writeString(dir.resolve("000001_users.up.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Files.writeString(dir.resolve("000002_email.up.sql"), "ALTER TABLE users ADD COLUMN email text;\n");
        pg.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        pg.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, "
                + "dirty boolean not null)");
        pg.execute("INSERT INTO schema_migrations VALUES (1, false)");
    }

    @Test
    void statusNamesTheImportThenImportTakesOverAndMigrateAppliesTheRest() throws IOException {
        Cli.Run status = cli.run("status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(5);
        assertThat(status.err()).contains("public.schema_migrations (golang-migrate, 1 row)")
                .contains("lockstep import --from golang-migrate");

        Cli.Run dry = cli.run("import", "--from", "golang-migrate", "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("Would import 1 migration from schema_migrations")
                .containsPattern("000001 +migrations/000001_users.up.sql +<- version 1")
                .contains("Nothing was written (--dry-run).");

        Cli.Run json = cli.run("import", "--from", "golang-migrate", "--output", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("tool").asText()).isEqualTo("golang-migrate");
        assertThat(doc.get("versionAfter").asText()).isEqualTo("000001");
        assertThat(doc.get("baseline").isNull()).isTrue();

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("Applied 1 migration");
    }

    @Test
    void aDirtyRowExits5AndAnUnknownToolExits2() {
        pg.execute("UPDATE schema_migrations SET dirty = true");
        Cli.Run dirty = cli.run("import", "--from", "golang-migrate");
        assertThat(dirty.exit()).as(dirty.toString()).isEqualTo(5);
        assertThat(dirty.err()).contains("schema_migrations version 1 is dirty").contains("nothing was imported");

        Cli.Run unknown = cli.run("import", "--from", "knex");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown tool 'knex'").doesNotContain("did you mean");
        Cli.Run typo = cli.run("import", "--from", "flywy");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("unknown tool 'flywy'").contains("did you mean 'flyway'?");
    }
}
