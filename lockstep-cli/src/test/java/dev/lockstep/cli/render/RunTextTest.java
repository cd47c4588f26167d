package dev.lockstep.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.cli.CliContext;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.Globals;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run prints the transaction_timeout a migration's transaction will run under, where one is set. */
class RunTextTest {
    private static String plan(String transactionTimeout) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Console console = new Console(new CliContext(ps, ps, new BufferedReader(Reader.nullReader()), Map.of(),
                Path.of("."), Clock.systemUTC(), false), new Globals());
        PlannedStatement alter = new PlannedStatement(1, "ALTER TABLE accounts ADD COLUMN note text",
                "ALTER TABLE ADD COLUMN", "ACCESS EXCLUSIVE", List.of("accounts"), List.of());
        PlannedMigration m = new PlannedMigration("1", "note", "V1__note.sql", "apply", true, null, "1000ms",
                transactionTimeout, 0, List.of(alter), List.of());
        RunText.render(console, new MigrateResult("migrate", "r", "db", true, null, null, List.of(), List.of(m), 1));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTransactionTimeoutIsSetRightAfterBeginBeforeTheLockTimeout() {
        assertThat(plan("61000ms")).contains("BEGIN;\nSET LOCAL transaction_timeout = '61000ms';  -- ddl-statement-timeout"
                + " + lock_timeout: the write-blocking lock is held to COMMIT\nSET LOCAL lock_timeout = '1000ms';\n");
    }

    @Test
    void noTransactionTimeoutLineWhereNoneIsSet() {
        assertThat(plan(null)).doesNotContain("transaction_timeout").contains("BEGIN;\nSET LOCAL lock_timeout = '1000ms';\n");
    }
}
