package dev.lockstep.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.cli.CliContext;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.Globals;
import dev.lockstep.spi.MigrationEvent;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a terminal (a CI log), a long step prints a plain progress line at an interval, never a live line. */
class ProgressHandleTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MigrationEvent event = new MigrationEvent("6", "backfill task priority", "V6__b.sql", "up", 1, 1,
            false, Duration.ZERO);

    private Console console(boolean terminal) {
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return new Console(new CliContext(ps, ps, new BufferedReader(Reader.nullReader()), Map.of(), Path.of("."),
                Clock.systemUTC(), terminal), new Globals());
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void waitFor(String text) throws InterruptedException {
        for (int i = 0; i < 600 && !out().contains(text); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void withoutATerminalALongStepGetsAProgressLineAtTheIntervalWithTheLatestStatus() throws Exception {
        try (ProgressHandle progress = new ProgressHandle(console(false), Duration.ofMillis(200))) {
            progress.migrationStarted(event);
            waitFor("    ... 6 (backfill task priority) (");
            progress.progress("migration 6: backfill of tasks: 120000 of 300000 rows (40%), 60000 rows/s, ETA 3.0s");
            waitFor("    ... migration 6: backfill of tasks: 120000 of 300000 rows (40%)");
            progress.migrationFinished(event.finished(Duration.ofMillis(2500)));
        }
        assertThat(out()).contains("    ... 6 (backfill task priority) (")
                .contains("    ... migration 6: backfill of tasks: 120000 of 300000 rows (40%), 60000 rows/s, ETA 3.0s (")
                .containsPattern("  applied +6 +backfill task priority +2\\.5s  \\(statement by statement\\)")
                .doesNotContain("\r");
    }

    @Test
    void aScriptWithBlocksOfItsOwnSaysSoInsteadOfStatementByStatement() throws Exception {
        MigrationEvent blocks = new MigrationEvent("7", "two steps", "V7__b.sql", "up", 1, 1, false, Duration.ZERO, 2);
        try (ProgressHandle progress = new ProgressHandle(console(false), Duration.ofSeconds(30))) {
            progress.migrationStarted(blocks);
            progress.migrationFinished(blocks.finished(Duration.ofMillis(40)));
        }
        assertThat(out()).containsPattern("  applied +7 +two steps +40ms  \\(2 blocks as written\\)")
                .doesNotContain("statement by statement");
    }

    @Test
    void aStepShorterThanTheIntervalPrintsNoProgressLine() throws Exception {
        try (ProgressHandle progress = new ProgressHandle(console(false), Duration.ofSeconds(30))) {
            progress.statementStarted(event, 1, 1, "UPDATE tasks SET priority = 2");
            progress.statementFinished(event, 1, Duration.ofMillis(5));
            progress.migrationFinished(event.finished(Duration.ofMillis(7)));
        }
        assertThat(out()).doesNotContain("...").containsPattern("applied +6 ");
    }
}
