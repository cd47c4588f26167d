package dev.lockstep.internal.embedded;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops an embedded server nobody uses. The server runs detached from the command that started it, so
 * the watch is a small process of its own, started beside the server: every so often it counts the
 * server's client sessions, and once there were none, and no invocation marked the server as used, for
 * the idle limit ({@code embedded-idle-stop}), it stops the server under the start lock (so that an
 * invocation about to connect is never cut off) and exits. It also exits when the server stops or is
 * replaced. An invocation that finds the server running without a live watch starts a new one.
 */
public final class IdleWatch {
    private static final String APPLICATION = "lockstep idle watch";

    private final EmbeddedServer server;
    private final Path pidFile;

    private IdleWatch(EmbeddedServer server) {
        this.server = server;
        this.pidFile = pidFile(server);
    }

    /** The watch process: {@code java ... IdleWatch <home>}. */
    public static void main(String[] args) throws Exception {
        new IdleWatch(new EmbeddedServer(Path.of(args[0]))).run();
    }

    private static Path pidFile(EmbeddedServer server) {
        return server.home().resolve("idle-watch.pid");
    }

    private void run() throws IOException, InterruptedException {
        long self = ProcessHandle.current().pid();
        Optional<Postmaster> watched = Postmaster.read(server.dataDirectory());
        if (watched.isEmpty()) {
            return;
        }
        Instant lastBusy = Instant.now();
        while (true) {
            Optional<Duration> limit = readLimit(server.idleStopFile());
            if (limit.isEmpty() || limit.get().isZero()) {
                log("idle stop is off; the watch ends");
                return;
            }
            Thread.sleep(pollInterval(limit.get()).toMillis());
            Optional<Postmaster> now = Postmaster.read(server.dataDirectory());
            if (now.isEmpty() || now.get().pid() != watched.get().pid() || !now.get().processAlive()
                    || !Long.toString(self).equals(readPid())) {
                return;
            }
            int clients = clients(now.get().port());
            if (clients != 0) {
                lastBusy = Instant.now();
                touch(server.lastSessionFile());
            }
            if (idleFor(lastBusy).compareTo(limit.get()) >= 0 && stopIfStillIdle(now.get(), lastBusy, limit.get())) {
                return;
            }
        }
    }

    /** Under the start lock, so that no invocation is between finding the server and connecting to it. */
    private boolean stopIfStillIdle(Postmaster pm, Instant lastBusy, Duration limit)
            throws IOException, InterruptedException {
        try (FileChannel ch = FileChannel.open(server.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (idleFor(lastBusy).compareTo(limit) < 0 || clients(pm.port()) != 0) {
                return false;
            }
            log("no session for " + limit.toSeconds() + "s (embedded-idle-stop): stopping the server (pid "
                    + pm.pid() + ")");
            pm.stop(Duration.ofSeconds(30));
            Files.deleteIfExists(pidFile);
            return true;
        }
    }

    private static void touch(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
        } catch (IOException e) {
            // only 'embedded status' reads it; the watch keeps its own count
        }
    }

    private Duration idleFor(Instant lastBusy) {
        Instant since = server.lastUsed().filter(used -> used.isAfter(lastBusy)).orElse(lastBusy);
        return Duration.between(since, Instant.now());
    }

    /** Often enough to stop close to the limit, rarely enough to cost nothing. */
    static Duration pollInterval(Duration limit) {
        long ms = Math.max(250, Math.min(30_000, limit.toMillis() / 4));
        return Duration.ofMillis(ms);
    }

    /** Client sessions other than this watch's own; -1 when the server cannot be asked (not idle evidence). */
    private static int clients(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/" + EmbeddedServer.DATABASE + "?user="
                + EmbeddedServer.USER + "&ApplicationName=" + APPLICATION.replace(' ', '+');
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private String readPid() {
        try {
            return Files.readString(pidFile).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private void log(String message) {
        try {
            Files.writeString(server.log(), Instant.now() + " lockstep: " + message + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for people; the watch goes on without it
        }
    }

    static Optional<Duration> readLimit(Path file) {
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(Files.readString(file).strip())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Called with the start lock held: a server just started gets a new watch; a running one gets one when
     * its watch is gone. No watch when the limit is zero.
     */
    static void keepWatching(EmbeddedServer server, Duration limit, boolean serverStarted) throws IOException {
        Optional<ProcessHandle> current = watch(server);
        if (!limit.isZero() && !serverStarted && current.isPresent()) {
            return;
        }
        current.ifPresent(ProcessHandle::destroy);
        if (limit.isZero()) {
            Files.deleteIfExists(pidFile(server));
            return;
        }
        Process p = new ProcessBuilder(command(server.home()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(server.log().toFile()))
                .start();
        Files.writeString(pidFile(server), Long.toString(p.pid()));
    }

    /** Ends the watch (the server is being stopped by hand). */
    static void stopWatching(EmbeddedServer server) {
        watch(server).ifPresent(ProcessHandle::destroy);
        try {
            Files.deleteIfExists(pidFile(server));
        } catch (IOException e) {
            // a stale pid file is checked against the process before it is believed
        }
    }

    /** The live watch process of this server, if any (a pid file whose process is not a watch does not count). */
    static Optional<ProcessHandle> watch(EmbeddedServer server) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(server)).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().commandLine()
                    .map(line -> line.contains(IdleWatch.class.getName())).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A small JVM (serial collector, C1 only, a small heap) with the classes it needs: these and pgjdbc. */
    private static List<String> command(Path home) {
        List<String> cmd = new ArrayList<>();
        for (String nohup : List.of("/usr/bin/nohup", "/bin/nohup")) {
            if (Files.isExecutable(Path.of(nohup))) {
                cmd.add(nohup); // survives the terminal that started it
                break;
            }
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx16m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1", "-XX:-UsePerfData", "-Xshare:auto", "-cp",
                String.join(File.pathSeparator, new java.util.LinkedHashSet<>(List.of(codeSource(IdleWatch.class),
                        codeSource(org.postgresql.Driver.class),
                        codeSource(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)))),
                IdleWatch.class.getName(), home.toString()));
        return cmd;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot find where " + type.getName() + " was loaded from", e);
        }
    }
}
