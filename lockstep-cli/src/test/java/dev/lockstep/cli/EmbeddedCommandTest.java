package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: no URL, no DATABASE_URL, no PG* variables, no environments. */
class EmbeddedCommandTest {
    @TempDir
    Path work;

    @AfterEach
    void stopServers() {
        new Cli(work).run("embedded", "stop");
        Cli other = new Cli(work);
        other.env.put("LOCKSTEP_EMBEDDED_DIR", work.resolve("other").toString());
        other.run("embedded", "stop");
    }

    private Cli project(String name) throws IOException {
        Cli cli = new Cli(Files.createDirectories(work.resolve(name)));
        cli.env.put("HOME", work.toString());
        return cli;
    }

    @Test
    void withoutAnyUrlStartsAPersistentServerWhoseDataSurvivesARestart() throws IOException {
        Cli cli = new Cli(work);
        Path dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id int);\nINSERT INTO t VALUES (42);\n");

        Cli.Run migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(migrate.err()).containsOnlyOnce("Started the embedded PostgreSQL (.lockstep/embedded, port")
                .contains(", new database junit").contains("It stops after 30m unused");
        assertThat(work.resolve(".lockstep/embedded/pgdata/PG_VERSION")).hasContent("15");

        Cli.Run status = cli.run("embedded", "status");
        assertThat(status.out()).startsWith("Running on port").contains("stops after 30m unused");
        Cli.Run again = cli.run("status");
        assertThat(again.err()).contains("Using the embedded PostgreSQL (.lockstep/embedded, port").doesNotContain("new database");
        assertThat(again.out()).contains("Version:     1");

        assertThat(cli.run("embedded", "stop").out()).startsWith("Stopped the embedded PostgreSQL");
        assertThat(cli.run("embedded", "status").out()).startsWith("Not running");

        Cli.Run afterRestart = cli.run("status", "--exit-code");
        assertThat(afterRestart.exit()).as(afterRestart.toString()).isZero();
        assertThat(afterRestart.err()).contains("Started the embedded PostgreSQL");
        assertThat(afterRestart.out()).contains("applied");
        Cli.Run url = cli.run("embedded", "url");
        assertThat(url.out().strip()).matches("jdbc:postgresql://localhost:\\d+/junit_?\\d*_[0-9a-f]{6}\\?user=postgres");
    }

    @Test
    void theServerKeepsItsPortAcrossRestarts() {
        Cli cli = new Cli(work);
        int first = port(cli.run("embedded", "url").out());
        cli.run("embedded", "stop");
        assertThat(cli.run("embedded", "status").out()).startsWith("Not running");
        int second = port(cli.run("embedded", "url").out());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void projectsShareTheUsersOneServerEachWithADatabaseOfItsOwn() throws IOException {
        Cli a = project("shop");
        Cli b = project("blog");
        for (Cli p : new Cli[] {a, b}) {
            Files.createDirectories(p.workDir.resolve("migrations"));
        }
        Files.writeString(a.workDir.resolve("migrations/V1__orders.sql"), "CREATE TABLE orders (id int);\n");
        Files.writeString(b.workDir.resolve("migrations/V1__posts.sql"), "CREATE TABLE posts (id int);\n");

        Cli.Run migrateA = a.run("migrate");
        assertThat(migrateA.exit()).as(migrateA.toString()).isZero();
        Cli.Run statusB = b.run("status", "--exit-code");
        assertThat(statusB.exit()).as(statusB.toString()).isEqualTo(6);
        assertThat(statusB.err()).contains("Using the embedded PostgreSQL (~/.lockstep/embedded, port");
        assertThat(port(a.run("embedded", "url").out())).isEqualTo(port(b.run("embedded", "url").out()));
        assertThat(a.run("embedded", "url").out()).contains("/shop_").doesNotContain("/blog_");
        assertThat(b.run("embedded", "url").out()).contains("/blog_");
        assertThat(work.resolve("shop/.lockstep")).doesNotExist();
    }

    @Test
    void aConfigurationWithEnvironmentsAsksWhichInsteadOfStartingTheEmbeddedServer() throws IOException {
        Cli cli = new Cli(work);
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("lockstep.toml"), "[env.staging]\nurl-env = \"STAGING_URL\"\n"
                + "[env.production]\nurl-env = \"PROD_URL\"\n[env.scratch]\nlock-timeout = \"2s\"\n");
        Cli.Run status = cli.run("status");
        assertThat(status.exit()).as(status.toString()).isEqualTo(2);
        assertThat(status.err()).contains("lockstep.toml defines environments (staging, production, scratch) but none "
                + "was chosen").contains("pass --env staging").contains("default-env");
        Cli.Run scratch = cli.run("status", "--env", "scratch");
        assertThat(scratch.exit()).as(scratch.toString()).isEqualTo(2);
        assertThat(scratch.err()).contains("environment 'scratch' names no database");
        assertThat(work.resolve(".lockstep/embedded/pgdata")).doesNotExist();
    }

    @Test
    void aServerUnusedForItsIdleLimitStopsItselfButNotWhileASessionIsOpen() throws Exception {
        Cli cli = new Cli(work);
        cli.env.put("LOCKSTEP_EMBEDDED_IDLE_STOP", "1s");
        String url = cli.run("embedded", "url").out().strip();
        assertThat(cli.run("embedded", "status").out()).startsWith("Running").contains("stops after 1s unused");
        Path lastSession = work.resolve(".lockstep/embedded/last-session");
        try (Connection held = DriverManager.getConnection(url)) {
            Instant opened = Instant.now();
            // the watch marks each poll that sees a session: wait until it has seen this one for three limits
            for (int i = 0; i < 1200 && !seenAfter(lastSession, opened.plusSeconds(3)); i++) {
                Thread.sleep(100);
            }
            assertThat(seenAfter(lastSession, opened.plusSeconds(3))).isTrue();
            assertThat(held.isValid(2)).isTrue();
            assertThat(cli.run("embedded", "status").out()).startsWith("Running");
        }
        String status = "";
        for (int i = 0; i < 600 && !status.startsWith("Not running"); i++) {
            Thread.sleep(200);
            status = new Cli(work).run("embedded", "status").out();
        }
        assertThat(status).startsWith("Not running");
        assertThat(work.resolve(".lockstep/embedded/postgres.log")).content()
                .contains("lockstep: no session for 1s (embedded-idle-stop): stopping the server");
    }

    private static boolean seenAfter(Path file, Instant when) throws IOException {
        return Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(when);
    }

    @Test
    void statusAllListsEveryEmbeddedServerOfTheUser() throws Exception {
        Cli cli = new Cli(work);
        Cli other = new Cli(work);
        other.env.put("LOCKSTEP_EMBEDDED_DIR", work.resolve("other").toString());
        assertThat(cli.run("embedded", "start").exit()).isZero();
        assertThat(other.run("embedded", "start").exit()).isZero();
        other.run("embedded", "stop");

        Cli.Run all = cli.run("embedded", "status", "--all");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).containsPattern("~/\\.lockstep/embedded: running on port \\d+ \\(pid \\d+\\)")
                .contains("~/other: stopped");
        JsonNode json = new ObjectMapper().readTree(cli.run("--output", "json", "embedded", "status", "--all").out());
        assertThat(json.path("servers").findValuesAsText("home")).contains(work.resolve(".lockstep/embedded").toString(),
                work.resolve("other").toString());
    }

    @Test
    void aCommandSaysOnceWhichServerItUsesHoweverManySessionsItOpens() throws IOException {
        Cli cli = new Cli(work);
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__t.sql"), "CREATE TABLE t (id int);\n");
        cli.run("embedded", "start");
        Cli.Run deploy = cli.run("deploy", "--dry-run");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.err()).containsOnlyOnce("the embedded PostgreSQL");
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

    private static int port(String url) {
        Matcher m = Pattern.compile("localhost:(\\d+)/").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
