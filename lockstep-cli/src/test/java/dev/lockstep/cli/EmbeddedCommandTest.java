package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: no URL, no DATABASE_URL, no PG* variables. */
class EmbeddedCommandTest {
    @TempDir
    Path work;

    @AfterEach
    void stopServer() {
        new Cli(work).run("embedded", "stop");
    }

    @Test
    void withoutAnyUrlStartsAPersistentServerWhoseDataSurvivesARestart() throws IOException {
        Cli cli = new Cli(work);
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);\nINSERT INTO t VALUES (42);\n");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.err()).containsOnlyOnce("Started the embedded PostgreSQL (.lockstep/pgdata, port");
        assertThat(work.resolve(".lockstep/pgdata/PG_VERSION")).hasContent("15");

        Cli.Run status = cli.run("embedded", "status");
        assertThat(status.out()).startsWith("Running on port");
        Cli.Run again = cli.run("status");
        assertThat(again.err()).contains("Using the embedded PostgreSQL (.lockstep/pgdata, port");
        assertThat(again.out()).contains("Version:     1");

        assertThat(cli.run("embedded", "stop").out()).startsWith("Stopped the embedded PostgreSQL");
        assertThat(cli.run("embedded", "status").out()).startsWith("Not running");

        Cli.Run afterRestart = cli.run("status", "--exit-code");
        assertThat(afterRestart.exit()).as(afterRestart.toString()).isZero();
        assertThat(afterRestart.err()).contains("Started the embedded PostgreSQL");
        assertThat(afterRestart.out()).contains("applied");
        Cli.Run url = cli.run("embedded", "url");
        assertThat(url.out().strip()).matches("jdbc:postgresql://localhost:\\d+/postgres\\?user=postgres");
    }

    @Test
    void concurrentInvocationsShareOneServer() {
        Cli cli = new Cli(work);
        CompletableFuture<Cli.Run> a = CompletableFuture.supplyAsync(() -> cli.run("embedded", "url"));
        CompletableFuture<Cli.Run> b = CompletableFuture.supplyAsync(() -> cli.run("embedded", "url"));
        Cli.Run ra = a.join();
        Cli.Run rb = b.join();
        assertThat(ra.exit()).as(ra.toString()).isZero();
        assertThat(rb.exit()).as(rb.toString()).isZero();
        assertThat(ra.out()).isEqualTo(rb.out());
    }
}
