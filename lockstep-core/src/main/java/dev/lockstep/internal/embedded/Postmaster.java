package dev.lockstep.internal.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A server as its data directory's {@code postmaster.pid} describes it: the process and its port. Uses the
 * JDK only, so that the idle watch (a process of its own) can use it without the server's starter.
 */
record Postmaster(long pid, int port) {

    /** The pid file's process and port; empty when there is no readable pid file. */
    static Optional<Postmaster> read(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return Optional.of(new Postmaster(Long.parseLong(lines.get(0).strip()), Integer.parseInt(lines.get(3).strip())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process lives and its port accepts connections. */
    boolean running() {
        return processAlive() && answers(port);
    }

    boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fast shutdown (SIGINT: open sessions are ended, the data is consistent) and waits for the process to
     * exit; returns whether it did within {@code wait}.
     */
    boolean stop(Duration wait) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start().waitFor();
        long deadline = System.nanoTime() + wait.toNanos();
        while (processAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return !processAlive();
    }
}
