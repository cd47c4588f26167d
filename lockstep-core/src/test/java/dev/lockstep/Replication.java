package dev.lockstep;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A primary that accepts replication connections, and physical standbys of it: a base backup taken with
 * the real pg_basebackup (PostgreSQL's client tools; -R writes the standby settings) and started with the
 * primary's own server binary. Where the tests run as root the server runs in a user namespace, as the
 * embedded server itself does (PostgreSQL refuses to run as root).
 */
final class Replication implements AutoCloseable {
    /** Settings a hot standby needs at least as high as the primary's. */
    private static final List<String> AT_LEAST_PRIMARY = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    private final EmbeddedPostgres primary;
    private final Path postgres;
    private final List<Standby> standbys = new ArrayList<>();

    Replication() throws IOException {
        primary = EmbeddedPostgres.builder().setDataDirectoryCustomizer(dir -> {
            try {
                Files.writeString(dir.toPath().resolve("pg_hba.conf"), "local all all trust\n"
                        + "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n"
                        + "host replication all 127.0.0.1/32 trust\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).setServerConfig("wal_level", "replica").start();
        long pid = Long.parseLong(Files.readAllLines(Path.of(value("SHOW data_directory"), "postmaster.pid")).get(0)
                .strip());
        postgres = Path.of(ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow());
    }

    int port() {
        return primary.getPort();
    }

    String url(String database) {
        return "postgres://postgres@127.0.0.1:" + port() + "/" + database;
    }

    String value(String sql) {
        return value(port(), "postgres", sql);
    }

    void execute(String sql) {
        execute(port(), "postgres", sql);
    }

    /**
     * A physical standby of the primary, started on its own port.
     *
     * @param settings more {@code name=value} server settings, e.g. {@code hot_standby=off}
     */
    Standby standby(Path dir, String... settings) throws IOException, InterruptedException {
        Process backup = new ProcessBuilder(pgBasebackup(), "-h", "127.0.0.1", "-p", Integer.toString(port()), "-U",
                "postgres", "-D", dir.toString(), "-R", "-X", "stream").redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling(dir.getFileName() + "-basebackup.log").toFile()).start();
        if (backup.waitFor() != 0) {
            throw new IllegalStateException("pg_basebackup failed: "
                    + Files.readString(dir.resolveSibling(dir.getFileName() + "-basebackup.log")));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> argv = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("unshare", "-U"));
        }
        argv.addAll(List.of(postgres.toString(), "-D", dir.toString(), "-p", Integer.toString(port), "-c",
                "unix_socket_directories=", "-c", "listen_addresses=127.0.0.1"));
        for (String name : AT_LEAST_PRIMARY) {
            argv.addAll(List.of("-c", name + "=" + value("SHOW " + name)));
        }
        for (String setting : settings) {
            argv.addAll(List.of("-c", setting));
        }
        Process server = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling(dir.getFileName() + ".log").toFile()).start();
        Standby standby = new Standby(server, port, dir);
        standbys.add(standby);
        return standby;
    }

    /** pg_basebackup of the client tools: on the PATH, or where Debian and Ubuntu install it. */
    private static String pgBasebackup() throws IOException {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/pg_basebackup")).filter(Files::isExecutable)
                    .map(Path::toString).findFirst().orElse("pg_basebackup");
        } catch (java.nio.file.NoSuchFileException e) {
            return "pg_basebackup";
        }
    }

    /** A standby server process. */
    static final class Standby {
        final Process process;
        final int port;
        final Path dir;

        Standby(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        String url(String database) {
            return "postgres://postgres@127.0.0.1:" + port + "/" + database;
        }

        String value(String sql) {
            return Replication.value(port, "postgres", sql);
        }

        String valueIn(String database, String sql) {
            return Replication.value(port, database, sql);
        }

        /** Ends recovery: the standby becomes a primary and accepts connections (what pg_ctl promote does). */
        void promote() throws IOException, InterruptedException {
            Files.writeString(dir.resolve("promote"), "");
            new ProcessBuilder("kill", "-USR1", Long.toString(process.pid())).start().waitFor();
        }

        /** Waits until it accepts connections and is streaming from the primary. */
        void awaitStreaming(Replication primary) throws InterruptedException {
            long start = System.nanoTime();
            while (!"1".equals(primary.value("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' "
                    + "AND application_name <> 'pg_basebackup'"))) {
                if (!process.isAlive()) {
                    throw new AssertionError("the standby ended: " + log());
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
                    throw new AssertionError("the standby never streamed: " + log());
                }
                Thread.sleep(20);
            }
        }

        String log() {
            try {
                return Files.readString(dir.resolveSibling(dir.getFileName() + ".log"));
            } catch (IOException e) {
                return e.toString();
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    static String value(int port, String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?user=postgres"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(int port, String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?user=postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Standby s : standbys) {
            s.stop();
        }
        primary.close();
    }
}
