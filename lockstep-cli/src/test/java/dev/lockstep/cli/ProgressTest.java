package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;

    @org.junit.jupiter.api.BeforeEach
    void emptyDatabase() {
        // Each test migrates from scratch: migrate refuses a database with another test's tables and no history.
        pg.reset();
    }

    private String run(boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        CliContext ctx = new CliContext(ps, ps, null, Map.of("HOME", work.toString(), "DATABASE_URL", pg.url()), work,
                Clock.systemUTC(), terminal);
        assertThat(Main.run(ctx, args)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalALongStatementGetsALiveLineThatIsClearedWhenItEnds() throws Exception {
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__slow.sql"), "SELECT pg_sleep(2.6);\nCREATE TABLE done (id int);\n"
                + "DO $$ BEGIN PERFORM pg_sleep(2.6); END $$;\nCREATE TABLE done2 (id int);\n");
        String out = run(true, "migrate", "--history-schema", "progress_live");
        assertThat(out).contains("\r    ... statement 1/4 of 1: SELECT pg_sleep(2.6)").contains("\r\u001b[K")
                .contains("\r    ... statements 2-4/4 of 1 (sent together)")
                .containsPattern("applied +1 +slow");
        assertThat(pg.tableExists("done")).isTrue();
    }

    @Test
    void withoutATerminalThereIsNoLiveLineAndQuietKeepsOnlyTheResult() throws Exception {
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__quick.sql"), "CREATE TABLE quick (id int);\n");
        String out = run(false, "-q", "migrate", "--history-schema", "progress_quiet");
        assertThat(out).doesNotContain("\r").doesNotContain("applied ").contains("Applied 1 migration");
    }
}
