package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs through the command line, against a server that checks passwords: whatever the input,
 * the password appears in no output (text, JSON, errors, notices), and the exit code says what happened.
 * The password holds characters that URLs encode; its letters "Zq9Kx" and "S3cr" survive every encoding,
 * so finding neither proves no form of it was printed.
 */
class SecretsTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final String ROLE = "secrets_app";
    private static final String PASSWORD = "Zq9Kx@7:/w S3cr%et";
    private static final String ENCODED = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        pg.execute("DO $$ BEGIN CREATE ROLE " + ROLE + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        pg.execute("ALTER ROLE " + ROLE + " PASSWORD '" + PASSWORD + "'");
        pg.execute("GRANT CREATE ON DATABASE " + pg.database() + " TO " + ROLE);
        pg.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + ROLE);
        cli = new Cli(work);
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id int);\n");
    }

    private String url(String password) {
        return "postgres://" + ROLE + ":" + password + "@127.0.0.1:" + pg.port() + "/" + pg.database();
    }

    /** Runs the command as text and as JSON; both must exit as expected and print no trace of the password. */
    private List<Cli.Run> runSafely(int exit, String... args) {
        List<Cli.Run> runs = new ArrayList<>();
        for (boolean json : new boolean[] {false, true}) {
            List<String> argv = new ArrayList<>(List.of(args));
            if (json) {
                argv.add("--output");
                argv.add("json");
            }
            Cli.Run run = cli.run(argv.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", argv) + "\n" + run).isEqualTo(exit);
            assertThat(run.out() + run.err()).as(String.join(" ", argv) + "\n" + run)
                    .doesNotContain("Zq9Kx").doesNotContain("S3cr");
            if (json && !run.out().isBlank()) {
                assertThat(parses(run.out())).as("one JSON document on stdout: " + run).isTrue();
            }
            runs.add(run);
        }
        return runs;
    }

    private static boolean parses(String json) {
        try {
            new ObjectMapper().readTree(json);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aUrlWithAMistypedSchemeIsShownOnlyUpToItsScheme() {
        String broken = url(PASSWORD).replace("postgres://", "postgres//");
        Cli.Run run = runSafely(2, "status", "--url", broken).get(0);
        assertThat(run.err()).contains("'postgres//***' is not a PostgreSQL URL").contains("postgres://");
        runSafely(2, "status", "--url", url(PASSWORD).replace("postgres://", "postgres:/"));
        runSafely(2, "migrate", "--url", url(ENCODED).replace("postgres://", "postgresql:"));
    }

    @Test
    void aBadPercentEscapeInThePasswordIsAConfigurationErrorNotACrash() {
        Cli.Run run = runSafely(2, "migrate", "--url", url("Zq9Kx%ZZS3cr")).get(0);
        assertThat(run.err()).contains("password has a '%' that is not followed by two hex digits")
                .doesNotContain("internal error");
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void aWrongPasswordAndAnUnknownHostAndABadPortSaySoWithoutThePassword() {
        Cli.Run wrong = runSafely(2, "migrate", "--url", url(ENCODED.replace("S3cr", "S3crX"))).get(0);
        assertThat(wrong.err()).contains("password authentication failed for user \"" + ROLE + "\"");

        Cli.Run dns = runSafely(2, "status", "--url", url(ENCODED).replace("127.0.0.1", "no-such-host.invalid"))
                .get(0);
        assertThat(dns.err()).contains("host name 'no-such-host.invalid' cannot be resolved")
                .doesNotContain("The connection attempt failed");

        List<LogRecord> driverLog = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                driverLog.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger driver = Logger.getLogger("org.postgresql");
        driver.addHandler(handler);
        try {
            Cli.Run port = runSafely(2, "status", "--url", url(ENCODED).replace(":" + pg.port() + "/", ":99999/"))
                    .get(0);
            assertThat(port.err()).contains("port 99999 is out of range").contains("1 to 65535");
        } finally {
            driver.removeHandler(handler);
        }
        assertThat(driverLog).as("the driver never saw the bad port, so it logged nothing").isEmpty();
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void theRightPasswordInAUrlNeverShowsInResultsOrNotices() {
        cli.env.put("DATABASE_URL", url(ENCODED));
        Cli.Run run = runSafely(0, "migrate").get(0);
        assertThat(run.out()).contains("Applied 1 migration on " + ROLE + "@127.0.0.1:" + pg.port());
        assertThat(run.err()).contains("Target: " + ROLE + "@127.0.0.1:" + pg.port() + "/" + pg.database())
                .contains("from DATABASE_URL");
        runSafely(0, "status");
        assertThat(pg.tableExists("t")).isTrue();
    }

    @Test
    void aPasswordFromLockstepTomlIsRedactedWhereverItShowsUp() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "url = \"" + url(ENCODED) + "\"\n");
        // The server echoes it back in an error: only the password from lockstep.toml says it is one.
        Files.writeString(work.resolve("migrations/V2__echo.sql"), "DO $$ BEGIN RAISE EXCEPTION 'connect with %', '"
                + PASSWORD + "'; END $$;\n");
        Cli.Run run = runSafely(1, "migrate").get(0);
        assertThat(run.err()).contains("connect with ***");
        assertThat(pg.tableExists("t")).isTrue();
    }

    @Test
    void argumentsThatAreNotOptionsAreRedactedInUsageErrors() {
        Cli.Run unknown = runSafely(2, "status", "--urll", url(ENCODED)).get(0);
        assertThat(unknown.err()).contains("unknown option '--urll'").contains("did you mean '--url'?");
        Cli.Run unexpected = runSafely(2, "migrate", url(PASSWORD)).get(0);
        assertThat(unexpected.err()).contains("unexpected argument 'postgres://" + ROLE + ":***@");
    }

    @Test
    void aBackupCommandThatPrintsThePasswordInAnyFormIsShownRedacted() throws IOException {
        Path script = work.resolve("snapshot.sh");
        // Prints the password as it got it, percent-encoded (upper and lower case hex), form-encoded and in a URL.
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"raw: $PGPASSWORD\"\n"
                + "echo \"upper: " + ENCODED + "\"\n"
                + "echo \"lower: " + ENCODED.toLowerCase(java.util.Locale.ROOT).replace("zq9kx", "Zq9Kx")
                        .replace("s3cr", "S3cr") + "\"\n"
                + "echo \"form: " + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "\"\n"
                + "echo \"url: postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE\"\n"
                + "echo \"conninfo: host=$PGHOST password='$PGPASSWORD'\"\n"
                + "echo \"snapshot-42\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(work.resolve("lockstep.toml"), "backup-provider = \"command\"\n"
                + "backup-command = \"" + script + "\"\n");
        cli.env.put("DATABASE_URL", url(ENCODED));
        assertThat(cli.run("migrate").exit()).isZero();
        Cli.Run backup = runSafely(0, "backup").get(0);
        assertThat(backup.out() + backup.err()).contains("backup-command: raw: ***").contains("upper: ***")
                .contains("lower: ***").contains("form: ***").contains("snapshot-42");
    }

    @Test
    void aPasswordFileOthersCanReadIsIgnoredWithAWarningAsPsqlDoes() throws IOException {
        Path pgpass = work.resolve("pgpass");
        Files.writeString(pgpass, "*:*:*:" + ROLE + ":" + PASSWORD.replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        cli.env.put("PGPASSFILE", pgpass.toString());
        String noPassword = "postgres://" + ROLE + "@127.0.0.1:" + pg.port() + "/" + pg.database();

        Cli.Run ignored = runSafely(2, "status", "--url", noPassword).get(0);
        assertThat(ignored.err()).contains("password file " + pgpass + " has group or world access (rw-r--r--)")
                .contains("ignored, as psql ignores it").contains("chmod 600")
                .contains("the server asks for the password of " + ROLE + " and none was given");

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Cli.Run used = runSafely(0, "status", "--url", noPassword).get(0);
        assertThat(used.err()).doesNotContain("group or world access");
        assertThat(used.out()).contains("1 to apply");
    }
}
