package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
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
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n"
                + "CREATE INDEX accounts_email ON accounts (email);\n");
        Files.writeString(dir.resolve("V2__tasks.sql"), "CREATE TABLE tasks (id bigint PRIMARY KEY);\n");
        assertThat(cli.run("migrate").exit()).isZero();
    }

    @AfterEach
    void stopScratchServer() {
        cli.run("embedded", "stop");
    }

    @Test
    void onTheEmbeddedScratchServerNoneThenAnAlterAndADroppedIndexExit5() {
        Cli.Run clean = cli.run("drift");
        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(clean.err()).contains("Started the embedded PostgreSQL (").doesNotContain("new database");
        assertThat(clean.out()).contains("Database:         postgres@localhost:" + pg.port() + "/" + pg.database()
                + ", applied up to 2").contains("Against the migrations: none").contains("No drift.");
        assertThat(cli.run("status").out()).containsPattern("Drift: +none \\(checked \\d{4}-\\d\\d-\\d\\d ");

        pg.execute("ALTER TABLE accounts ADD COLUMN nickname text; DROP INDEX accounts_email");
        Cli.Run drifted = cli.run("drift");
        assertThat(drifted.exit()).as(drifted.toString()).isEqualTo(5);
        assertThat(drifted.out()).contains("Against the migrations: 1 difference\n"
                + "  table public.accounts: changed\n"
                + "    index accounts_email: missing: CREATE INDEX accounts_email ON public.accounts USING btree (email)\n"
                + "    column nickname: extra: text\n").contains("Drift: 1 difference.");
        assertThat(cli.run("status").out()).containsPattern("Drift: +1 difference \\(checked ");
    }

    @Test
    void jsonListsTheDifferencesTyped() throws Exception {
        pg.execute("CREATE TABLE manual (id int)");
        Cli.Run json = cli.run("drift", "--output", "json", "--scratch-url",
                "postgres://postgres@localhost:" + pg.port() + "/postgres");
        assertThat(json.exit()).as(json.toString()).isEqualTo(5);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("fromMigrations").get(0).path("kind").asText()).isEqualTo("table");
        assertThat(doc.path("fromMigrations").get(0).path("name").asText()).isEqualTo("public.manual");
        assertThat(doc.path("fromMigrations").get(0).path("change").asText()).isEqualTo("extra");
        assertThat(doc.path("fromSnapshotFile").isNull()).isTrue();
        assertThat(doc.path("snapshotFile").isNull()).isTrue();
        assertThat(doc.path("version").asText()).isEqualTo("2");
    }

    @Test
    void snapshotWritesTheFileThatDriftThenComparesAndMigrateRefreshes() throws Exception {
        Cli.Run snap = cli.run("snapshot", "--out", "schema.snapshot");
        assertThat(snap.exit()).as(snap.toString()).isZero();
        assertThat(snap.out()).startsWith("Wrote the schema of postgres@localhost:" + pg.port() + "/" + pg.database()
                + " to schema.snapshot (");
        assertThat(work.resolve("schema.snapshot")).content().contains("table public.tasks\n");

        Cli.Run stdout = cli.run("snapshot");
        assertThat(stdout.out()).isEqualTo(Files.readString(work.resolve("schema.snapshot")));

        Files.writeString(work.resolve("migrations/V3__more.sql"), "ALTER TABLE tasks ADD COLUMN title text;\n");
        assertThat(cli.run("migrate", "--snapshot-file", "schema.snapshot").exit()).isZero();
        assertThat(work.resolve("schema.snapshot")).content().contains("  column title: text\n");
        Cli.Run drift = cli.run("drift", "--snapshot-file", "schema.snapshot", "--scratch-url",
                "postgres://postgres@localhost:" + pg.port() + "/postgres");
        assertThat(drift.exit()).as(drift.toString()).isZero();
        assertThat(drift.out()).contains("Against schema.snapshot: none");
    }

    @Test
    void aSnapshotFileThatDoesNotExistIsAnErrorWhenNamedAndANoteWhenConfigured() throws Exception {
        Cli.Run named = cli.run("drift", "--snapshot-file", "schema.snapshto");
        assertThat(named.exit()).as(named.toString()).isEqualTo(2);
        assertThat(named.err()).contains("snapshot file schema.snapshto does not exist (--snapshot-file)")
                .contains("lockstep snapshot --out schema.snapshto");
        assertThat(named.err()).doesNotContain("Started the embedded PostgreSQL");
        Files.writeString(work.resolve("README.md"), "# notes\n");
        Cli.Run notOne = cli.run("drift", "--snapshot-file", "README.md", "--scratch-url",
                "postgres://postgres@localhost:" + pg.port() + "/postgres");
        assertThat(notOne.exit()).as(notOne.toString()).isEqualTo(2);
        assertThat(notOne.err()).contains("the snapshot README.md cannot be read: line 1: not a Lockstep schema snapshot")
                .doesNotContain("snapshot --out README.md");

        Files.writeString(work.resolve("lockstep.toml"), "snapshot-file = \"schema.snapshot\"\n");
        Cli.Run configured = cli.run("drift", "--scratch-url", "postgres://postgres@localhost:" + pg.port() + "/postgres");
        assertThat(configured.exit()).as(configured.toString()).isZero();
        assertThat(configured.out()).contains("the snapshot file schema.snapshot (lockstep.toml) does not exist yet")
                .contains("Against the migrations: none");
    }

    @Test
    void aScratchServerThatCannotBeReachedIsNamedAsSuch() {
        Cli.Run r = cli.run("drift", "--connect-timeout", "2s", "--scratch-url", "postgres://postgres@127.0.0.1:1/x");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("error: the scratch server: cannot connect to ").contains("--scratch-url (the scratch "
                + "server)").doesNotContain("--url / DATABASE_URL");
    }

    @Test
    void aScratchUrlThatIsNotOneIsAUsageError() {
        Cli.Run r = cli.run("drift", "--scratch-url", "mysql://nope");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        // Shown up to its scheme only: the rest of a URL may hold a password.
        assertThat(r.err()).contains("'mysql://***' is not a PostgreSQL URL").doesNotContain("nope");
    }
}
