package dev.lockstep;

import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A runner in a JVM of its own, so that a test can kill it with SIGKILL the way a deploy host dies:
 * {@code migrate} through the facade, exit code as the CLI would give it, messages in a log file.
 */
final class ChildRunner {
    private ChildRunner() {
    }

    /** {@code ChildRunner <url> <migrations dir>}: migrates, prints the applied versions, exits 0 or the error's code. */
    public static void main(String[] args) {
        try {
            MigrateResult r = Lockstep.configure().url(args[0]).dir(Path.of(args[1]))
                    .with(b -> b.set(Setting.LOCK_WAIT, Duration.ofSeconds(120)).installedBy("child")
                            .set(Setting.ALLOW_UNSAFE, true)).build().migrate();
            System.out.println("applied " + r.executed().stream().map(AppliedMigration::version).toList());
            System.exit(0);
        } catch (LockstepException e) {
            System.out.println(e.getMessage());
            System.exit(e.exitCode());
        }
    }

    /** Starts a child runner; its output goes to {@code log}. */
    static Process start(String url, Path dir, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under Surefire the class path is one manifest jar naming the test and main classes and every dependency.
        String classPath = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                classPath, ChildRunner.class.getName(), url, dir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DATABASE_URL");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the runner with SIGKILL, as an out-of-memory killer or a lost host would, and waits until it is gone. */
    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor();
    }

    static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
