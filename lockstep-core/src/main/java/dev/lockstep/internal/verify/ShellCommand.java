package dev.lockstep.internal.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A shell command with a time limit that, when the limit passes, ends everything it started: the shell
 * runs in a session and process group of its own (setsid) and the whole group is killed, as are the
 * processes still below it; a command that started a server or a sleep in the background leaves nothing
 * running.
 */
final class ShellCommand {
    private static final Path[] SETSID = {Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")};

    private ShellCommand() {
    }

    /**
     * Runs {@code sh -c command} with its output in {@code output}; returns its exit code, or null when
     * {@code limit} passed first (then it and everything it started were killed). Lockstep ending
     * meanwhile (Ctrl-C) ends the command too: its own process group no longer gets the terminal's signal.
     */
    static Integer run(String command, Path dir, Path output, Duration limit) throws IOException, InterruptedException {
        Process p = start(command, dir, output);
        Thread onExit = new Thread(() -> {
            try {
                kill(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                return null;
            }
            return p.exitValue();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs.
            }
        }
    }

    /** Starts {@code sh -c command}, in a process group of its own where the system can make one. */
    private static Process start(String command, Path dir, Path output) throws IOException {
        List<String> argv = new ArrayList<>();
        for (Path setsid : SETSID) {
            if (Files.isExecutable(setsid)) {
                argv.add(setsid.toString());
                break;
            }
        }
        argv.addAll(List.of("sh", "-c", command));
        return new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
    }

    /** Kills the command's process group and every process below it, and waits for the shell to end. */
    static void kill(Process p) throws InterruptedException {
        List<ProcessHandle> below = p.descendants().toList();
        try {
            // The shell leads its own group (setsid runs it in place): the group goes with one signal,
            // including children that were re-parented already.
            new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill command: the processes below are ended one by one.
        }
        below.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }
}
