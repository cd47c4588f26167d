package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path work;

    @Test
    void findsTheSubcommandBehindGlobalOptionsAndTheirValues() {
        assertThat(Main.subcommandOf(new String[] {"--url", "status", "--dir", "migrate", "status"})).isEqualTo("status");
        assertThat(Main.subcommandOf(new String[] {"-q", "--output=json", "migrate", "--dry-run"})).isEqualTo("migrate");
        assertThat(Main.subcommandOf(new String[] {"--help"})).isNull();
        assertThat(Main.subcommandOf(new String[] {"migrat"})).isNull();
    }

    @Test
    void helpListsEveryCommandButNotTheWarmUp() {
        Cli.Run help = new Cli(work).run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("new", "status", "migrate", "rollback", "validate", "baseline", "repair",
                "embedded").doesNotContain("__warmup");
    }

    @Test
    void aMistypedCommandIsAUsageErrorNamingIt() {
        Cli.Run run = new Cli(work).run("migrat");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("migrat");
    }

    @Test
    void theWarmUpRunsOfflineAndLeavesNothingBehind() {
        Cli.Run run = new Cli(work).run("__warmup");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(work).isEmptyDirectory();
    }
}
