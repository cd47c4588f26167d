package dev.lockstep.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * One embedded server per PostgreSQL version per JVM, started on first use and stopped when the JVM
 * exits. Version 0 is the server of the binaries on the class path.
 */
final class SharedServers {
    static final int CLASS_PATH = 0;
    private static final Map<Integer, EmbeddedPostgres> SERVERS = new HashMap<>();

    private SharedServers() {
    }

    static synchronized EmbeddedPostgres server(int major) {
        EmbeddedPostgres server = SERVERS.get(major);
        if (server == null) {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setDataDirectoryCustomizer(SharedServers::requirePasswords);
            if (major != CLASS_PATH) {
                builder.setPgBinaryResolver(PgBinaries.of(major));
            }
            try {
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL "
                        + (major == CLASS_PATH ? "of the class path" : Integer.toString(major)) + " for tests", e);
            }
            SERVERS.put(major, server);
        }
        return server;
    }

    static String jdbcUrl(int major, String database) {
        return "jdbc:postgresql://localhost:" + server(major).getPort() + "/" + database + "?user=postgres";
    }

    /** The superuser logs in without a password; every other role needs its password (SCRAM). */
    private static void requirePasswords(File dataDirectory) {
        String hba = "local all all trust\n"
                + "host all postgres 127.0.0.1/32 trust\n"
                + "host all postgres ::1/128 trust\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n"
                + "host all all ::1/128 scram-sha-256\n";
        try {
            Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
