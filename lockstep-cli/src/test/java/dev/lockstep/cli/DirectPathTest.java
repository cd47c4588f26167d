package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lint or snapshot command line runs the same without picocli's model as with it: same exit code, same
 * output, same file written.
 */
class DirectPathTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final dev.lockstep.testkit.TestPostgres pg = new dev.lockstep.testkit.TestPostgres();

    @TempDir
    Path work;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id serial PRIMARY KEY, email text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX accounts_email ON accounts (email);\n");
        Files.writeString(dir.resolve("U2__index.sql"), "DROP INDEX accounts_email';\n");
        Files.writeString(work.resolve("one.sql"), "BEGIN;\nALTER TABLE a ADD COLUMN b text;\nCOMMIT;\n");
    }

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome run(boolean picocli, String... args) {
        return runCommand(picocli, "lint", args);
    }

    private Outcome runCommand(boolean picocli, String command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("SELECT 1;\n")),
                Map.of("HOME", work.toString()), work, Clock.systemUTC(), false);
        Integer exit = picocli ? Integer.valueOf(Main.withPicocli(ctx, command, args)) : DirectPath.run(ctx, command, args);
        assertThat(exit).as("ran without picocli: %s", String.join(" ", args)).isNotNull();
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theVersionIsWhatPicocliPrints() {
        for (String option : new String[] {"--version", "-V"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader("")),
                    Map.of("HOME", work.toString()), work, Clock.systemUTC(), false);
            assertThat(Main.run(ctx, option)).isZero();
            Outcome picocli = runCommand(true, null, option);
            assertThat(picocli.exit()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(picocli.out()).startsWith("lockstep ");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(picocli.err()).isEmpty();
        }
    }

    @Test
    void everyKnownLintCommandLineGivesWhatPicocliGives() {
        List<String[]> lines = List.of(
                new String[] {"lint"},
                new String[] {"lint", "--format", "json"},
                new String[] {"--output", "json", "lint", "--fail-on", "warning"},
                new String[] {"lint", "--pg-version", "11", "--format", "sarif", "migrations"},
                new String[] {"-q", "lint", "--format", "github", "--fail-on", "none"},
                new String[] {"lint", "--explain", "one.sql"},
                new String[] {"lint", "--explain", "--format", "json", "one.sql", "--dir", "migrations"},
                new String[] {"lint", "--fail-on", "hint", "-"},
                new String[] {"lint", "--format", "xml"},
                new String[] {"lint", "missing.sql"},
                new String[] {"--dir", "nowhere", "lint"});
        for (String[] args : lines) {
            Outcome direct = run(false, args);
            Outcome picocli = run(true, args);
            assertThat(direct).as(String.join(" ", args)).isEqualTo(picocli);
        }
    }

    private Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("HOME", work.toString()), work, args);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void whatItDoesNotKnowGoesToPicocli() {
        Outcome help = main("lint", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--explain").contains("--fail-on");
        Outcome unknown = main("lint", "--fial-on", "none");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--fial-on");
        Outcome badOutput = main("--output", "yaml", "lint");
        assertThat(badOutput.exit()).isEqualTo(2);
        assertThat(badOutput.err()).contains("--output must be text or json");
        Outcome badVersion = main("lint", "--pg-version", "fifteen");
        assertThat(badVersion.exit()).isEqualTo(2);
        assertThat(badVersion.err()).contains("pg-version").contains("fifteen");
        for (String[] args : List.of(new String[] {"lint", "--help"}, new String[] {"lint", "--fial-on", "none"},
                new String[] {"--output", "yaml", "lint"}, new String[] {"--pg-version", "15", "lint"})) {
            assertThat(DirectPath.run(null, "lint", args)).as(String.join(" ", args)).isNull();
        }
    }

    @Test
    void everyKnownSnapshotCommandLineGivesWhatPicocliGives() throws IOException {
        pg.execute("CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text NOT NULL)");
        pg.execute("CREATE INDEX IF NOT EXISTS accounts_email ON accounts (email)");
        List<String[]> lines = List.of(
                new String[] {"snapshot", "--url", pg.url()},
                new String[] {"--url", pg.url(), "--output", "json", "snapshot"},
                new String[] {"-q", "snapshot", "--url", pg.url(), "--out", "-"},
                new String[] {"snapshot", "--url", "postgres://nobody@127.0.0.1:1/none", "--connect-timeout", "1s"},
                new String[] {"snapshot", "--url", "not a url"});
        for (String[] args : lines) {
            Outcome direct = runCommand(false, "snapshot", args);
            Outcome picocli = runCommand(true, "snapshot", args);
            assertThat(direct).as(String.join(" ", args)).isEqualTo(picocli);
        }
        assertThat(runCommand(false, "snapshot", "snapshot", "--url", pg.url()).out()).contains("accounts_email");
        assertThat(runCommand(false, "snapshot", "snapshot", "--url", "not a url").exit()).isEqualTo(2);

        Outcome direct = runCommand(false, "snapshot", "snapshot", "--url", pg.url(), "--out", "direct.snapshot");
        Outcome picocli = runCommand(true, "snapshot", "snapshot", "--url", pg.url(), "--out", "picocli.snapshot");
        assertThat(direct.exit()).isZero();
        assertThat(direct.out()).isEqualTo(picocli.out().replace("picocli.snapshot", "direct.snapshot"));
        assertThat(Files.readString(work.resolve("direct.snapshot"))).contains("accounts")
                .isEqualTo(Files.readString(work.resolve("picocli.snapshot")));
    }

    @Test
    void snapshotOptionsItDoesNotKnowGoToPicocli() {
        for (String[] args : List.of(new String[] {"snapshot", "--help"}, new String[] {"snapshot", "--ot", "x"},
                new String[] {"snapshot", "extra"}, new String[] {"snapshot", "--out"},
                new String[] {"snapshot", "--explain"}, new String[] {"--out", "x", "snapshot"},
                new String[] {"snapshot", "--out", "--quiet"}, new String[] {"snapshot", "--out", "a", "--out", "b"},
                new String[] {"lint", "--format", "json", "--format", "text"}, new String[] {"-v", "lint", "-v"})) {
            String command = List.of(args).contains("lint") ? "lint" : "snapshot";
            assertThat(DirectPath.run(null, command, args)).as(String.join(" ", args)).isNull();
        }
        Outcome extra = main("snapshot", "extra");
        assertThat(extra.exit()).isEqualTo(2);
        assertThat(extra.err()).contains("extra");
        assertThat(DirectPath.run(null, "migrate", new String[] {"migrate"})).isNull();
    }
}
