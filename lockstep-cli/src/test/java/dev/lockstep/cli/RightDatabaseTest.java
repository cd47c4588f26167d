package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The right database: an explicit --env wins over a DATABASE_URL left in the shell and says so; an
 * environment pinned with 'env pin' refuses any other database before anything runs; every command that
 * writes says once which database it works on.
 */
class RightDatabaseTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;
    String other;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        other = pg.database() + "_other";
        pg.execute("DROP DATABASE IF EXISTS " + other);
        pg.execute("CREATE DATABASE " + other);
        cli = new Cli(work);
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        toml(pg.url());
    }

    @AfterEach
    void dropOther() {
        pg.execute("DROP DATABASE IF EXISTS " + other + " WITH (FORCE)");
    }

    private void toml(String stagingUrl) throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "# deploy targets\nlock-wait = \"10s\"\n\n"
                + "[env.staging]\n# the staging database\nurl = \"" + stagingUrl + "\"\n\n"
                + "[env.local]\nlock-wait = \"5s\"\n");
    }

    private String otherUrl() {
        return "postgres://postgres@localhost:" + pg.port() + "/" + other;
    }

    private boolean otherHasTable() {
        return "t".equals(inOther("SELECT to_regclass('public.t') IS NOT NULL"));
    }

    /** A value read in the other database. */
    private String inOther(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + other
                + "?user=postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void anExplicitEnvironmentWinsOverDatabaseUrlAndSaysWhichOneItUsed() {
        cli.env.put("DATABASE_URL", otherUrl());
        Cli.Run run = cli.run("--env", "staging", "migrate");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(pg.tableExists("t")).isTrue();
        assertThat(otherHasTable()).isFalse();
        assertThat(run.err()).contains("Target: env staging, postgres@localhost:" + pg.port() + "/" + pg.database())
                .contains("from lockstep.toml [env.staging]")
                .contains("(DATABASE_URL is set to postgres@localhost:" + pg.port() + "/" + other
                        + " and was not used: --env staging names its own database (lockstep.toml [env.staging]))");

        // An environment without a database of its own leaves DATABASE_URL in charge, and says that too.
        Cli.Run local = cli.run("--env", "local", "migrate");
        assertThat(local.exit()).as(local.toString()).isZero();
        assertThat(otherHasTable()).isTrue();
        assertThat(local.err()).contains("Target: env local, postgres@localhost:" + pg.port() + "/" + other)
                .contains("from DATABASE_URL").doesNotContain("was not used");
    }

    @Test
    void aPinnedEnvironmentRefusesAnyOtherDatabaseBeforeAnythingRuns() throws IOException {
        Cli.Run pin = cli.run("env", "pin", "staging", "--output", "json");
        assertThat(pin.exit()).as(pin.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(pin.out());
        String id = doc.path("databaseId").asText();
        String systemId = pg.queryValue("SELECT system_identifier::text FROM pg_control_system()");
        assertThat(id).isEqualTo(systemId + "/" + pg.database());
        assertThat(doc.path("changed").asBoolean()).isTrue();
        assertThat(doc.path("previous").isNull()).isTrue();
        String toml = Files.readString(work.resolve("lockstep.toml"));
        assertThat(toml).contains("# deploy targets\nlock-wait = \"10s\"\n\n[env.staging]\n# the staging database\nurl = \""
                + pg.url() + "\"\ndatabase-id = \"" + id + "\"\n\n[env.local]\n");

        Cli.Run again = cli.run("--env", "staging", "env", "pin");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already pinned to " + id);

        Cli.Run migrate = cli.run("--env", "staging", "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.err()).contains("database-id " + id + " (pinned)");

        // The section now names another database on the same server: refused, both named, nothing applied there.
        toml(otherUrl());
        Files.writeString(work.resolve("lockstep.toml"), Files.readString(work.resolve("lockstep.toml"))
                .replace("[env.staging]\n", "[env.staging]\ndatabase-id = \"" + id + "\"\n"));
        for (String command : new String[] {"migrate", "status", "rollback"}) {
            Cli.Run refused = cli.run("--env", "staging", command);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).contains("wrong database: environment 'staging' pins database-id " + id)
                    .contains("postgres@localhost:" + pg.port() + "/" + other)
                    .contains("is " + systemId + "/" + other).contains("the same server, another database")
                    .contains("nothing was done").contains("lockstep env pin --env staging --replace");
        }
        assertThat(otherHasTable()).isFalse();
        assertThat(inOther("SELECT count(*) FROM pg_namespace WHERE nspname = 'lockstep'")).isEqualTo("0");

        Cli.Run json = cli.run("--env", "staging", "migrate", "--output", "json");
        assertThat(json.exit()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(json.out()).path("error").path("code").asText())
                .isEqualTo("WRONG_DATABASE");

        // A pin from another server: the system identifier differs.
        toml(pg.url());
        Files.writeString(work.resolve("lockstep.toml"), Files.readString(work.resolve("lockstep.toml"))
                .replace("[env.staging]\n", "[env.staging]\ndatabase-id = \"1234/" + pg.database() + "\"\n"));
        Cli.Run server = cli.run("--env", "staging", "status");
        assertThat(server.exit()).isEqualTo(3);
        assertThat(server.err()).contains("another server (system identifier " + systemId + ", not 1234)");

        // Pinning again is refused unless the new database replaces the old on purpose.
        Cli.Run repin = cli.run("env", "pin", "staging");
        assertThat(repin.exit()).isEqualTo(3);
        assertThat(repin.err()).contains("is pinned to database-id 1234/" + pg.database()).contains("--replace");
        Cli.Run replaced = cli.run("env", "pin", "staging", "--replace");
        assertThat(replaced.exit()).as(replaced.toString()).isZero();
        assertThat(replaced.out()).contains("Re-pinned environment 'staging' to database-id " + id)
                .contains("it was 1234/" + pg.database());
        assertThat(cli.run("--env", "staging", "status").exit()).isZero();
    }

    @Test
    void pinningNeedsAnEnvironmentThatHasASectionHeader() throws IOException {
        Cli.Run none = cli.run("env", "pin");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("env pin needs an environment");

        Files.writeString(work.resolve("lockstep.toml"), "env.inline = { url = \"" + pg.url() + "\" }\n");
        String before = Files.readString(work.resolve("lockstep.toml"));
        Cli.Run inline = cli.run("env", "pin", "inline");
        assertThat(inline.exit()).isEqualTo(2);
        assertThat(inline.err()).contains("no [env.inline] section header").contains("database-id = \"");
        assertThat(Files.readString(work.resolve("lockstep.toml"))).isEqualTo(before);
    }

    @Test
    void aDeployNamesItsTargetOnceAtTheStart() {
        Cli.Run run = cli.run("--env", "staging", "deploy");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(count(run.err(), "Target: ")).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("Target: env staging, postgres@localhost:" + pg.port() + "/" + pg.database()
                + ", database-id ").contains("(not pinned)");
        assertThat(pg.tableExists("t")).isTrue();

        Cli.Run dry = cli.run("--env", "staging", "migrate", "--dry-run");
        assertThat(dry.err()).doesNotContain("Target: ");
        Cli.Run status = cli.run("--env", "staging", "status");
        assertThat(status.err()).doesNotContain("Target: ");
    }
}
