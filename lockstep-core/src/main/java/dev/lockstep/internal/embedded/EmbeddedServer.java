package dev.lockstep.internal.embedded;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A persistent PostgreSQL server for demos and development, one per user by default: started on first
 * use, left running for the next invocation (which reuses it), stopped by {@code embedded stop} or by its
 * {@link IdleWatch} after a while without use. Its home holds the data directory ({@code pgdata}), the
 * log, the port it keeps across restarts and when it was last used. Concurrent invocations agree through
 * a file lock.
 */
public final class EmbeddedServer {
    public static final String USER = "postgres";
    /** The maintenance database; projects get databases of their own. */
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
        this.home = home.toAbsolutePath().normalize();
        this.data = this.home.resolve("pgdata");
    }

    /** What a server looks like from outside. */
    public record Status(boolean running, long pid, int port, Path dataDirectory) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
        }
    }

    /** The server, started if it was not running; {@code started} tells whether this call started it. */
    public record Running(Status status, boolean started) {
    }

    public Path home() {
        return home;
    }

    public Path dataDirectory() {
        return data;
    }

    public Path log() {
        return home.resolve("postgres.log");
    }

    /**
     * The server, started if needed, marked as used now; an {@link IdleWatch} stops it after
     * {@code idleStop} without use (zero: never).
     */
    public Running ensureRunning(Duration idleStop) {
        synchronized (IN_PROCESS.computeIfAbsent(home, h -> new Object())) {
            return ensureRunningLocked(idleStop);
        }
    }

    private Running ensureRunningLocked(Duration idleStop) {
        try {
            Files.createDirectories(home);
            try (FileChannel ch = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                markUsed(idleStop);
                Status now = status();
                boolean started = !now.running();
                if (started) {
                    start();
                    now = status();
                    if (!now.running()) {
                        throw new LockstepException(ErrorCode.EMBEDDED, "the embedded PostgreSQL did not come up in "
                                + data, "see " + log() + "; remove " + home + " to start from scratch");
                    }
                }
                IdleWatch.keepWatching(this, idleStop, started);
                return new Running(now, started);
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "cannot start the embedded PostgreSQL in " + data + ": "
                    + e.getMessage(), "check that " + home + " is writable, or pass --url to use your own server", e);
        } catch (NoClassDefFoundError e) {
            throw new LockstepException(ErrorCode.EMBEDDED, "this packaging of Lockstep has no embedded PostgreSQL",
                    "pass --url or set DATABASE_URL", e);
        }
    }

    Path lockFile() {
        return home.resolve("embedded.lock");
    }

    /** Touched by every use: the idle watch counts idle time from the later of this and the last session seen. */
    Path lastUsedFile() {
        return home.resolve("last-used");
    }

    /** The idle limit in milliseconds, written by every use: the latest invocation's setting counts. */
    Path idleStopFile() {
        return home.resolve("idle-stop");
    }

    private void markUsed(Duration idleStop) throws IOException {
        Files.writeString(idleStopFile(), Long.toString(idleStop.toMillis()));
        Path used = lastUsedFile();
        if (!Files.exists(used)) {
            Files.createFile(used);
        }
        Files.setLastModifiedTime(used, FileTime.from(Instant.now()));
    }

    /** Touched by the idle watch whenever it sees a session (of any client, psql too). */
    Path lastSessionFile() {
        return home.resolve("last-session");
    }

    /** When a command last used the server, or the idle watch last saw a session on it; empty when unknown. */
    public Optional<Instant> lastUsed() {
        Optional<Instant> command = modified(lastUsedFile());
        Optional<Instant> session = modified(lastSessionFile());
        if (command.isEmpty() || session.isEmpty()) {
            return command.isPresent() ? command : session;
        }
        return Optional.of(command.get().isAfter(session.get()) ? command.get() : session.get());
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The idle limit the latest invocation set; empty when none did. */
    public Optional<Duration> idleStop() {
        return IdleWatch.readLimit(idleStopFile());
    }

    private void start() throws IOException {
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve("postmaster.pid"));
        EmbeddedPostgres started = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        releaseStarterLock(started);
    }

    /**
     * The port this home used last, so that URLs saved elsewhere keep working after a restart; a new free
     * port when there is none or it is taken now.
     */
    private int port() throws IOException {
        Path file = home.resolve("port");
        if (Files.isRegularFile(file)) {
            try {
                int kept = Integer.parseInt(Files.readString(file).strip());
                if (free(kept)) {
                    return kept;
                }
            } catch (NumberFormatException e) {
                // written by hand or damaged: choose a new one
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
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
        Optional<Postmaster> pm = Postmaster.read(data);
        if (pm.isEmpty()) {
            return new Status(false, 0, 0, data);
        }
        return new Status(pm.get().running(), pm.get().pid(), pm.get().port(), data);
    }

    /** Stops the server (fast shutdown) and its idle watch; returns false when it was not running. */
    public boolean stop() {
        Status s = status();
        IdleWatch.stopWatching(this);
        if (!s.running()) {
            return false;
        }
        try {
            if (!new Postmaster(s.pid(), s.port()).stop(STOP_WAIT)) {
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

    /**
     * The database of a project directory on the shared server: its name and a short hash of its path
     * (two checkouts named alike stay apart), lower case, at most 63 bytes.
     */
    public static String databaseFor(Path workDir) {
        Path abs = workDir.toAbsolutePath().normalize();
        String base = abs.getFileName() == null ? "root" : abs.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "db_" + base;
        }
        base = base.length() > 40 ? base.substring(0, 40) : base;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(abs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return base + "_" + java.util.HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
