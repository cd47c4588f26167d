package dev.lockstep.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command with {@code sh -c} in a directory, with extra environment variables on top of the
 * inherited ones, under a timeout; standard output and error go together into a temporary file, of which
 * the last lines are kept.
 */
public final class ShellCommand {
    /** How much of the output is kept: the last lines, at most this many characters. */
    static final int KEPT_CHARS = 4000;
    static final int KEPT_LINES = 40;

    /**
     * How a command ended.
     *
     * @param exitCode null when it did not finish (timed out, or could not start)
     * @param problem why it did not finish, or null
     * @param output the last lines it printed
     */
    public record Outcome(Integer exitCode, String problem, String output, long durationMs) {
        public boolean ok() {
            return exitCode != null && exitCode == 0;
        }

        /** {@code exit 3}, {@code did not finish within 5s}, {@code could not start: ...}. */
        public String summary() {
            return exitCode != null ? "exit " + exitCode : problem;
        }
    }

    private ShellCommand() {
    }

    public static Outcome run(String command, Path dir, Map<String, String> env, Duration timeout) {
        long t0 = System.nanoTime();
        Path out = null;
        try {
            out = Files.createTempFile("lockstep-command", ".out");
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                List<ProcessHandle> children = p.descendants().toList();
                p.destroyForcibly(); // the shell first, so it reports nothing of its children's end
                children.forEach(ProcessHandle::destroyForcibly);
                p.waitFor(5, TimeUnit.SECONDS);
                return new Outcome(null, "did not finish within " + dev.lockstep.Durations.format(timeout), tail(out),
                        ms(t0));
            }
            return new Outcome(p.exitValue(), null, tail(out), ms(t0));
        } catch (IOException e) {
            return new Outcome(null, "could not start: " + e.getMessage(), "", ms(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", "", ms(t0));
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    private static String tail(Path out) throws IOException {
        List<String> lines = List.of(new String(Files.readAllBytes(out), StandardCharsets.UTF_8).split("\n", -1));
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        String kept = String.join("\n", lines.subList(Math.max(0, end - KEPT_LINES), end));
        return kept.length() <= KEPT_CHARS ? kept : "..." + kept.substring(kept.length() - KEPT_CHARS);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
