package dev.lockstep.internal.embedded;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A persistent PostgreSQL server under {@code .lockstep/} for demos and development: started on first
 * use, left running for the next invocation (which reuses it), stopped with {@code embedded stop}. The
 * data directory survives between runs. Concurrent invocations agree through a file lock.
 */
public final class EmbeddedServer {
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /**
     * A file lock keeps other processes out while one starts the server, but the JVM refuses a second
     * lock on the same file from within itself; threads of one process queue on this monitor first.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path home;
    private final Path data;

    public EmbeddedServer(Path home) {
        this.home = home.toAbsolutePath();
        this.data = this.home.resolve("pgdata");
    }

    /** What a running server looks like from outside. */
    public record Status(boolean running, long pid, int port, Path dataDirectory) {
        public String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + USER;
        }
    }

    public Path dataDirectory() {
        return data;
    }

    /** The server, started if it is not running; {@code started} tells whether this call started it. */
    public record Running(Status status, boolean started) {
    }

    public Running ensureRunning() {
        synchronized (IN_PROCESS.computeIfAbsent(home, h -> new Object())) {
            return ensureRunningLocked();
        }
    }

    private Running ensureRunningLocked() {
        try {
            Files.createDirectories(home);
            try (FileChannel ch = FileChannel.open(home.resolve("embedded.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                Status now = status();
                if (now.running()) {
                    return new Running(now, false);
                }
                start();
                Status after = status();
                if (!after.running()) {
                    throw new LockstepException(ErrorCode.EMBEDDED, "the embedded PostgreSQL did not come up in " + data,
                            "see " + home.resolve("postgres.log") + "; remove " + home + " to start from scratch");
                }
                return new Running(after, true);
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "cannot start the embedded PostgreSQL in " + data + ": "
                    + e.getMessage(), "check that " + home + " is writable, or pass --url to use your own server", e);
        } catch (NoClassDefFoundError e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "this packaging of Lockstep has no embedded PostgreSQL",
                    "pass --url or set DATABASE_URL", e);
        }
    }

    private void start() throws IOException {
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        EmbeddedPostgres started = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(freePort())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
                .start();
        releaseStarterLock(started);
    }

    /**
     * The starter object holds a lock on a file in the data directory for as long as it lives; it is
     * meant to own the server, but this server outlives it on purpose (our own {@code embedded.lock}
     * guards starting). Released so that the same process can start the server again after a stop.
     */
    private static void releaseStarterLock(EmbeddedPostgres started) {
        try {
            java.lang.reflect.Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
            java.lang.reflect.Field stream = EmbeddedPostgres.class.getDeclaredField("lockStream");
            lock.setAccessible(true);
            stream.setAccessible(true);
            ((FileLock) lock.get(started)).release();
            ((java.io.Closeable) stream.get(started)).close();
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            // Only a restart within this same process needs the lock gone; a new process never sees it.
        }
    }

    /** Reads {@code postmaster.pid}: running when the process lives and the port answers. */
    public Status status() {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return new Status(false, 0, 0, data);
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port);
            return new Status(alive, pid, port, data);
        } catch (IOException | RuntimeException e) {
            return new Status(false, 0, 0, data);
        }
    }

    /** Stops the server (fast shutdown) and waits for it to exit; returns false when it was not running. */
    public boolean stop() {
        Status s = status();
        if (!s.running()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(s.pid())).redirectErrorStream(true).start();
            kill.waitFor();
            Optional<ProcessHandle> handle = ProcessHandle.of(s.pid());
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            while (handle.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (handle.map(ProcessHandle::isAlive).orElse(false)) {
                throw new LockstepException(ErrorCode.EMBEDDED, "the embedded PostgreSQL (pid " + s.pid()
                        + ") did not stop within " + STOP_WAIT.toSeconds() + "s", "kill " + s.pid() + " by hand");
            }
            return true;
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "cannot stop the embedded PostgreSQL: " + e.getMessage(),
                    "kill " + s.pid() + " by hand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(ErrorCode.EMBEDDED, "interrupted while stopping the embedded PostgreSQL", null, e);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
