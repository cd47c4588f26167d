package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockstep serve} as its own process: it prints where it listens, answers, and stops on SIGTERM. */
class ServeProcessTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;

    @Test
    void servesUntilSigtermThenStopsGracefully() throws Exception {
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0",
                "--cache", "0s").directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", pg.url());
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String base = null;
            String line;
            while (base == null && (line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+) ").matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
            }
            assertThat(base).as(String.join("\n", lines)).isNotNull();
            lines.add(out.readLine());
            assertThat(lines.get(lines.size() - 1)).isEqualTo("Not ready: 1 pending, 0 failed, 0 partly applied, 0 changed");
            assertThat(ServeTest.get(base + "/readyz").statusCode()).isEqualTo(503);
            pg.execute("CREATE SCHEMA IF NOT EXISTS lockstep");
            assertThat(ServeTest.get(base + "/healthz").statusCode()).isEqualTo(200);

            p.toHandle().destroy(); // SIGTERM, leaving the output stream open to read the rest
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(lines).as(String.join("\n", lines)).contains("Stopped serving.");
        assertThat(p.exitValue()).as("killed by SIGTERM after the shutdown hook ran").isEqualTo(143);
    }
}
