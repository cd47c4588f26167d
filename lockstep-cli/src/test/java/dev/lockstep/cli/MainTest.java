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
    void anArchiveThisJdkWroteAndDidNotMapIsRemovedAnotherJdksIsLeftAlone() throws java.io.IOException {
        Path archive = java.nio.file.Files.writeString(work.resolve("lockstep.jsa"), "written by this JDK, before an update");
        Path jdk = java.nio.file.Files.writeString(work.resolve("lockstep.jsa.jdk"), "/usr/lib/jvm/jdk-17\n");
        assertThat(Main.forgetUnusableArchive(archive.toString(), "mixed mode, sharing", "/usr/lib/jvm/jdk-17")).isFalse();
        assertThat(archive).as("mapped: kept").exists();
        assertThat(Main.forgetUnusableArchive(null, "mixed mode", "/usr/lib/jvm/jdk-17")).isFalse();
        assertThat(Main.forgetUnusableArchive(archive.toString(), "mixed mode", "/opt/jdk-25")).isFalse();
        assertThat(archive).as("another JDK's run: kept for the JDK that wrote it").exists();
        assertThat(Main.forgetUnusableArchive(archive.toString(), "mixed mode", "/usr/lib/jvm/jdk-17")).isTrue();
        assertThat(archive).as("not mapped by the JDK that wrote it: removed").doesNotExist();
        assertThat(jdk).doesNotExist();
        // written by a launcher that did not record its JDK: removed as before
        java.nio.file.Files.writeString(archive, "older");
        assertThat(Main.forgetUnusableArchive(archive.toString(), "mixed mode", "/opt/jdk-25")).isTrue();
    }

    @Test
    void helpListsEveryCommandButNotTheWarmUp() {
        Cli.Run help = new Cli(work).run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("new", "status", "migrate", "rollback", "validate", "baseline", "repair",
                "embedded").doesNotContain("__warmup");
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatSuggestsTheCommandMeant() {
        Cli.Run run = new Cli(work).run("migrat");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown command 'migrat'\n"
                + "hint: did you mean 'migrate'? 'lockstep --help' lists the commands\n");
        Cli.Run far = new Cli(work).run("frobnicate");
        assertThat(far.err()).contains("unknown command 'frobnicate'").doesNotContain("did you mean");
    }

    @Test
    void aMistypedOptionSuggestsTheOptionMeantAndWhereHelpIs() {
        Cli.Run run = new Cli(work).run("migrate", "--dryrun");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown option '--dryrun' of lockstep migrate\n"
                + "hint: did you mean '--dry-run'? 'lockstep help migrate' shows its options\n");
        assertThat(new Cli(work).run("status", "--exitcode").err()).contains("did you mean '--exit-code'?");
        assertThat(new Cli(work).run("--outptu", "json", "status").err())
                .contains("unknown option '--outptu'").contains("did you mean '--output'?");
    }

    @Test
    void aMistypedCommandOfACommandSuggestsTheOneMeant() {
        Cli.Run run = new Cli(work).run("embedded", "stp");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown command 'stp' of lockstep embedded\n"
                + "hint: did you mean 'stop'? 'lockstep help embedded' lists its commands\n");
        Cli.Run help = new Cli(work).run("help", "stauts");
        assertThat(help.exit()).isEqualTo(2);
        assertThat(help.err()).isEqualTo("error: unknown command 'stauts'\n"
                + "hint: did you mean 'status'? 'lockstep --help' lists the commands\n");
    }

    @Test
    void withOutputJsonAUsageErrorIsOneJsonDocumentOnStdoutLikeEveryOtherError() throws Exception {
        for (String[] args : new String[][] {{"migrate", "--output", "json", "--dri-run"},
                {"--output=json", "migrat"}}) {
            Cli.Run run = new Cli(work).run(args);
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).isEmpty();
            com.fasterxml.jackson.databind.JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(run.out()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("USAGE");
            assertThat(error.path("exitCode").asInt()).isEqualTo(2);
            assertThat(error.path("message").asText()).startsWith("unknown ");
            assertThat(error.path("hint").asText()).contains("did you mean");
        }
    }

    @Test
    void helpNamesACommandAndBaselineHelpIsHelpNotAnError() {
        Cli.Run help = new Cli(work).run("help", "baseline");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: lockstep baseline").contains("VERSION").contains("--description");
        Cli.Run dashHelp = new Cli(work).run("baseline", "--help");
        assertThat(dashHelp.exit()).as(dashHelp.toString()).isZero();
        assertThat(dashHelp.out()).isEqualTo(help.out());
        assertThat(new Cli(work).run("help", "rollback").out()).contains("an empty one");
        Cli.Run version = new Cli(work).run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("lockstep ");
        Cli.Run ofCommand = new Cli(work).run("migrate", "--version");
        assertThat(ofCommand.exit()).isZero();
        assertThat(ofCommand.out()).isEqualTo(version.out());
    }

    @Test
    void theWarmUpRunsOfflineAndLeavesNothingBehind() {
        Cli.Run run = new Cli(work).run("__warmup");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(work).isEmptyDirectory();
        Cli.Run lint = new Cli(work).run("__warmup", "lint");
        assertThat(lint.exit()).as(lint.toString()).isZero();
        assertThat(lint.out()).isEmpty();
        assertThat(work).isEmptyDirectory();
        assertThat(new Cli(work).run("__warmup", "migrate").exit()).isEqualTo(2);
    }
}
