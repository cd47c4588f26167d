package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linting a file links no lambda: the first {@code invokedynamic} of a process starts the method-handle
 * machinery, about a tenth of a short command's time (docs/architecture.md, "Start-up of the command-line
 * tool"). A fresh JVM lints a file that sets most rules to work (and a directory of them, which is read and
 * linted in parallel), and the classes it loads are checked.
 */
class LintStartupTest {
    @TempDir
    Path work;

    private static final String SCRIPT = """
            -- lockstep:lock-timeout 2s
            SET lock_timeout = '2s';
            CREATE TABLE accounts (id int PRIMARY KEY, email varchar(100), created timestamp, n serial);
            ALTER TABLE users ADD COLUMN note text NOT NULL DEFAULT now();
            ALTER TABLE users ADD CONSTRAINT users_email UNIQUE (email);
            ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);
            ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
            CREATE INDEX orders_total ON orders (total);
            UPDATE orders SET total = 0, total = 1 WHERE total IS NULL;
            ALTER TYPE mood ADD VALUE 'meh';
            REFRESH MATERIALIZED VIEW totals;
            DROP INDEX orders_old;
            -- down:
            -- DROP TABLE accounts;
            """;

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void aLintOfOneFileLinksNoLambda(String format) throws IOException, InterruptedException {
        Path file = work.resolve("V1__mixed.sql");
        Files.writeString(file, SCRIPT);
        String output = lintInAFreshJvm(format, file);
        // The file drew findings, so their rendering ran too.
        assertThat(output).contains("require-concurrent-index", "disallowed-unique-constraint", "foreign-key-missing-not-valid",
                "column-assigned-twice", "strong-lock-then-more-work");
    }

    @org.junit.jupiter.api.Test
    void aLintOfADirectoryReadAndLintedOnEveryCoreLinksNoLambdaEither() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("migrations"));
        for (int i = 1; i <= 40; i++) {
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), SCRIPT.replace("accounts", "accounts_" + i));
        }
        Files.writeString(dir.resolve("R__views.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n");
        String output = lintInAFreshJvm("json", dir);
        // 40 files (each linted as its up script and its commented-out down script) and the repeatable one.
        assertThat(output).contains("\"files\" : 41", "V40__step_40.sql");
    }

    @org.junit.jupiter.api.Test
    void aLintOfADirectoryPerMigrationAndOfASuppressionLinksNoLambdaEither() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("diesel"));
        for (int i = 1; i <= 3; i++) {
            Path m = Files.createDirectories(dir.resolve("2024-01-0" + i + "-120000" + (i == 3 ? "-0001" : "") + "_step_" + i));
            Files.writeString(m.resolve("up.sql"), "-- lockstep:ignore require-concurrent-index the table is new\n"
                    + SCRIPT.replace("-- lockstep:lock-timeout 2s\n", ""));
            Files.writeString(m.resolve("down.sql"), "DROP TABLE accounts;\n");
        }
        Files.writeString(Files.createDirectories(dir.resolve("00000000000000_diesel_initial_setup")).resolve("up.sql"),
                "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n");
        String output = lintInAFreshJvm("json", dir);
        assertThat(output).contains("\"files\" : 7", "2024-01-03-120000-0001_step_3/up.sql")
                .doesNotContain("\"rule\" : \"require-concurrent-index\"");
    }

    /** Lints in a new JVM; fails if a class of a lambda or a method handle was loaded. Returns the output. */
    private String lintInAFreshJvm(String format, Path target) throws IOException, InterruptedException {
        Path classes = work.resolve("classes.log");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xlog:class+load:file=" + classes,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "lint", "--fail-on", "none", "--format", format, target.toString()));
        Path out = work.resolve("out.log");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("HOME", work.toString());
        pb.environment().remove("DATABASE_URL");
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("lint did not end: " + Files.readString(out));
        }
        String output = Files.readString(out);
        assertThat(p.exitValue()).as(output).isZero();
        List<String> lambdas = Files.readAllLines(classes).stream()
                .filter(l -> l.contains("$$Lambda") || l.contains("LambdaForm$MH")).toList();
        assertThat(lambdas).as("classes of lambdas and method handles loaded by the lint").isEmpty();
        return output;
    }
}
