package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTest {
    @TempDir
    Path work;

    @Test
    void theBashScriptCompletesCommandsAndTheirOptionsInBash() throws Exception {
        Cli.Run run = new Cli(work).run("completion", "bash");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("__warmup");
        Path script = work.resolve("lockstep.bash");
        Files.writeString(script, run.out());

        assertThat(complete(script, "lockstep", "mig")).isEqualTo("migrate");
        assertThat(complete(script, "lockstep", "se")).isEqualTo("serve");
        assertThat(complete(script, "lockstep", "migrate", "--dry")).isEqualTo("--dry-run");
        assertThat(complete(script, "lockstep", "serve", "--po")).isEqualTo("--port");
        assertThat(complete(script, "lockstep", "status", "--url")).isEqualTo("--url");
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashCompletionInZsh() {
        Cli cli = new Cli(work);
        Cli.Run zsh = cli.run("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).isEqualTo(cli.run("completion", "bash").out()).contains("ZSH_VERSION")
                .contains("bashcompinit");
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Run run = new Cli(work).run("completion", "fish");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("fish").contains("bash, zsh");
    }

    /** Sources the script in a real bash and runs its completion function on the words typed so far. */
    private static String complete(Path script, String... words) throws Exception {
        String typed = String.join(" ", words);
        String cmd = "source '" + script + "'; COMP_WORDS=(" + typed + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + typed + "'; COMP_POINT=${#COMP_LINE}; _complete_lockstep 2>/dev/null; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
