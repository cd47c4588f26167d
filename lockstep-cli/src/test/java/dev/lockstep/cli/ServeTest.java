package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.serve.ProbeServer;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** /readyz, /healthz and /metrics of a real server on localhost, for every state of a real database. */
class ServeTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    Path dir;
    Cli cli;
    ProbeServer server;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        dir = Files.createDirectories(work.resolve("migrations"));
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__projects.sql"), "CREATE TABLE projects (id bigint PRIMARY KEY);\n");
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    /** A server whose answers are never cached, so each request sees the database as it is now. */
    private String start(String url) throws IOException {
        var probe = Lockstep.configure().url(url).dir(dir).set("serve.cache", "0s").build().readinessProbe();
        server = ProbeServer.start(probe, new InetSocketAddress("127.0.0.1", 0));
        return "http://127.0.0.1:" + server.address().getPort();
    }

    @Test
    void pendingMigrationsAnswer503AndCurrentOnesAnswer200() throws Exception {
        String base = start(pg.url());
        HttpResponse<String> pending = get(base + "/readyz");
        assertThat(pending.statusCode()).isEqualTo(503);
        assertThat(pending.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = JSON.readTree(pending.body());
        assertThat(doc.path("ok").asBoolean()).isFalse();
        assertThat(doc.path("checks").get(0).path("name").asText()).isEqualTo("db");
        assertThat(doc.path("checks").get(0).path("ok").asBoolean()).isTrue();
        assertThat(doc.path("checks").get(0).path("ms").isNumber()).isTrue();
        JsonNode migrations = doc.path("checks").get(1);
        assertThat(migrations.path("name").asText()).isEqualTo("migrations");
        assertThat(migrations.path("ok").asBoolean()).isFalse();
        assertThat(migrations.path("detail").path("current").isNull()).isTrue();
        assertThat(migrations.path("detail").path("expected").asText()).isEqualTo("2");
        assertThat(migrations.path("detail").path("pending").asInt()).isEqualTo(2);
        assertThat(migrations.path("detail").path("checksum_mismatch").asInt()).isZero();

        assertThat(cli.run("migrate").exit()).isZero();
        HttpResponse<String> ready = get(base + "/readyz");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonNode current = JSON.readTree(ready.body());
        assertThat(current.path("ok").asBoolean()).isTrue();
        assertThat(current.path("checks").get(1).path("detail").path("current").asText()).isEqualTo("2");
    }

    @Test
    void aFailedMigrationAnswers503WithTheFailedCount() throws Exception {
        Files.writeString(dir.resolve("V3__bad.sql"), "ALTER TABLE nope ADD COLUMN x int;\n");
        assertThat(cli.run("migrate").exit()).isEqualTo(1);
        String base = start(pg.url());
        HttpResponse<String> r = get(base + "/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode detail = JSON.readTree(r.body()).path("checks").get(1).path("detail");
        assertThat(detail.path("failed").asInt()).isEqualTo(1);
        assertThat(detail.path("current").asText()).isEqualTo("2");
        assertThat(get(base + "/metrics").body()).contains("lockstep_migrations_failed 1")
                .contains("lockstep_last_run_success 0");
    }

    @Test
    void aPartlyAppliedMigrationAnswers503WithThePartialCount() throws Exception {
        Files.writeString(dir.resolve("V3__indexes.sql"), "CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);\n"
                + "CREATE INDEX CONCURRENTLY nope_id ON nope (id);\n");
        assertThat(cli.run("migrate").exit()).isEqualTo(1);
        HttpResponse<String> r = get(start(pg.url()) + "/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("checks").get(1).path("detail").path("partial").asInt()).isEqualTo(1);
    }

    @Test
    void aChangedAppliedFileAnswers503WithTheChecksumMismatch() throws Exception {
        assertThat(cli.run("migrate").exit()).isZero();
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int PRIMARY KEY);\n");
        HttpResponse<String> r = get(start(pg.url()) + "/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(r.body()).path("checks").get(1).path("detail").path("checksum_mismatch").asInt())
                .isEqualTo(1);
    }

    @Test
    void anUnreachableDatabaseAnswers503NamingItButHealthzStaysUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = start("postgres://app:secret@127.0.0.1:" + port + "/app");
        HttpResponse<String> r = get(base + "/readyz");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("secret");
        JsonNode db = JSON.readTree(r.body()).path("checks").get(0);
        assertThat(db.path("ok").asBoolean()).isFalse();
        assertThat(db.path("detail").asText()).contains(String.valueOf(port));
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(base + "/metrics").body()).contains("lockstep_database_up 0").contains("lockstep_ready 0");
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        assertThat(cli.run("migrate").exit()).isZero();
        HttpResponse<String> r = get(start(pg.url()) + "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE lockstep_ready gauge\nlockstep_ready 1\n")
                .contains("lockstep_migrations_pending 0\n").contains("lockstep_history_rows 2\n")
                .contains("lockstep_migration_version_info{current=\"2\",expected=\"2\"} 1\n")
                .contains("lockstep_last_run_success 1\n").contains("lockstep_lock_waits 0\n")
                .containsPattern("lockstep_last_run_timestamp_seconds \\d+\\.\\d+\n")
                .containsPattern("lockstep_last_run_duration_seconds \\d+\\.\\d+\n");
        for (String line : r.body().split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) lockstep_\\w+ .+|lockstep_\\w+(\\{[^}]*\\})? -?[0-9.E]+");
        }
    }

    @Test
    void nothingButReadsIsAnswered() throws Exception {
        String base = start(pg.url());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/readyz"))
                .POST(HttpRequest.BodyPublishers.ofString("migrate")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(get(base + "/migrate").statusCode()).isEqualTo(404);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'lockstep'")).isEqualTo("0");
    }

    @Test
    void itListensOnTheBindAddressOnly() throws Exception {
        var probe = Lockstep.configure().url(pg.url()).dir(dir).build().readinessProbe();
        server = ProbeServer.start(probe, new InetSocketAddress("127.0.0.2", 0));
        int port = server.address().getPort();
        assertThat(get("http://127.0.0.2:" + port + "/healthz").statusCode()).isEqualTo(200);
        Assertions.assertThatThrownBy(() -> get("http://127.0.0.1:" + port + "/healthz"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAConfigurationErrorNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Run run = cli.run("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("--port");
        }
        Cli.Run bad = cli.run("serve", "--port", "http");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("serve.port").contains("0 to 65535");
    }

    @Test
    void stoppingLetsARequestInProgressFinish() throws Exception {
        java.util.concurrent.CountDownLatch inCheck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        dev.lockstep.Readiness ready = new dev.lockstep.Readiness(true, new dev.lockstep.Readiness.Database(true, 1,
                "db", 0), new dev.lockstep.Readiness.Migrations(true, 1, "1", "1", 0, 0, 0, 0, 0, null),
                dev.lockstep.Readiness.History.NONE, java.time.Instant.EPOCH);
        var slow = new dev.lockstep.ReadinessProbe(() -> {
            inCheck.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ready;
        }, Duration.ZERO, java.time.Clock.systemUTC());
        server = ProbeServer.start(slow, new InetSocketAddress("127.0.0.1", 0));
        String base = "http://127.0.0.1:" + server.address().getPort();
        var response = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return get(base + "/readyz");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        inCheck.await();
        ProbeServer stopping = server;
        Thread stopper = new Thread(() -> stopping.stop(Duration.ofSeconds(30)));
        stopper.start();
        while (stopper.getState() != Thread.State.TIMED_WAITING) { // waiting for the request in progress
            Thread.onSpinWait();
        }
        release.countDown();
        assertThat(response.get().statusCode()).isEqualTo(200);
        stopper.join();
        server = null;
        Assertions.assertThatThrownBy(() -> get(base + "/healthz")).isInstanceOf(ConnectException.class);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
