package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.runbook.Deploy;
import dev.lockstep.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeployTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V2__seed.sql", "INSERT INTO accounts VALUES (1, 'a@example.com'), (2, NULL);")
                .write("U2__seed.sql", "DELETE FROM accounts;");
        Files.createDirectories(root.resolve("verify"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", x -> {
            received.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.createContext("/stuck", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                // the client gave up
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String hook(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Lockstep lockstep(Clock clock, PreflightSettings preflight, String slackPath, String jsonPath) {
        return lockstep(clock, preflight, slackPath, jsonPath, b -> { });
    }

    private Lockstep lockstep(Clock clock, PreflightSettings preflight, String slackPath, String jsonPath,
                              java.util.function.Consumer<LockstepConfig.Builder> more) {
        return m.lockstep(pg.url(), b -> more.accept(b.workDir(root).clock(clock).preflight(preflight)
                .backups(root.resolve("backups"), 0, null)
                .embeddedDir(root.resolve(".lockstep"))
                .verify(new VerifySettings(root.resolve("verify"), List.of(), List.of()))
                .notifications(new NotifySettings(slackPath == null ? null : hook(slackPath),
                        jsonPath == null ? null : hook(jsonPath), Duration.ofMillis(500)))));
    }

    @Test
    void aDeployRunsEveryStepWritesAuditAndReportsAndNotifies() throws Exception {
        Files.writeString(root.resolve("verify/ok.sql"), "SELECT id FROM accounts WHERE id IS NULL;");
        DeployResult r = lockstep(Clock.systemUTC(), PreflightSettings.DEFAULT, "/hook", "/hook").deploy(false, null, null);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).extracting(DeployResult.Step::name).containsExactly("preflight", "backup", "plan",
                "migrate", "verify");
        assertThat(r.steps()).extracting(DeployResult.Step::outcome).containsOnly("ok");
        assertThat(r.backup()).isNotNull();
        assertThat(r.migrate().versionAfter()).isEqualTo("2");
        List<String> audit = Files.readAllLines(root.resolve(".lockstep/audit.jsonl"));
        assertThat(audit).hasSize(5);
        JsonNode first = new ObjectMapper().readTree(audit.get(0));
        assertThat(first.path("runId").asText()).isEqualTo(r.runId());
        assertThat(first.path("step").asText()).isEqualTo("preflight");
        assertThat(first.path("user").asText()).isEqualTo("tester");
        assertThat(new ObjectMapper().readTree(audit.get(3)).path("migrations").toString()).isEqualTo("[\"1\",\"2\"]");
        Path json = root.resolve(r.report());
        assertThat(new ObjectMapper().readTree(json.toFile()).path("outcome").asText()).isEqualTo("success");
        String html = Files.readString(json.resolveSibling(r.runId() + ".html"));
        assertThat(html).contains("<h1 class=\"ok\">Deploy success</h1>").contains("CREATE TABLE accounts")
                .contains(r.backup().sha256()).doesNotContain("<script");
        assertThat(received).hasSize(4);
        assertThat(received.get(0)).contains(":arrow_forward: Lockstep deploy start");
        assertThat(received).anyMatch(b -> b.contains("\"event\":\"deploy.success\"") && b.contains("\"versionAfter\":\"2\"")
                && b.contains(r.runId()));
    }

    @Test
    void withAuditTableEveryStepIsAlsoARowInTheHistorySchemaButNotOnADryRun() {
        Lockstep withTable = lockstep(Clock.systemUTC(), PreflightSettings.DEFAULT, null, null, b -> b.auditTable(true));
        withTable.deploy(true, null, null);
        assertThat(pg.tableExists("lockstep.lockstep_audit")).isFalse();

        DeployResult r = withTable.deploy(false, null, null);
        assertThat(pg.query("SELECT step, outcome, entry->>'user' FROM lockstep.lockstep_audit WHERE run_id = '"
                + r.runId() + "' ORDER BY id")).containsExactly(List.of("preflight", "ok", "tester"),
                List.of("backup", "ok", "tester"), List.of("plan", "ok", "tester"), List.of("migrate", "ok", "tester"),
                List.of("verify", "ok", "tester"));
        assertThat(m.lockstep(pg.url()).validate().valid()).isTrue();
    }

    @Test
    void aDryRunRunsOnlyTheReadOnlyStepsAndChangesNothing() {
        DeployResult r = lockstep(Clock.systemUTC(), PreflightSettings.DEFAULT, null, null).deploy(true, null, null);
        assertThat(r.outcome()).isEqualTo("dry-run");
        assertThat(r.steps()).extracting(DeployResult.Step::outcome).containsExactly("ok", "skipped", "ok", "skipped", "ok");
        assertThat(r.plan().plan()).hasSize(2);
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(root.resolve("backups")).doesNotExist();
    }

    @Test
    void aFailedVerificationStopsNamesTheStepAndRollsBackWhenAsked() throws Exception {
        Files.writeString(root.resolve("verify/emails.sql"), "SELECT id FROM accounts WHERE email IS NULL;");
        assertThatThrownBy(() -> lockstep(Clock.systemUTC(), PreflightSettings.DEFAULT, null, "/hook")
                .deploy(false, null, "rollback")).isInstanceOfSatisfying(Deploy.DeployFailure.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("deploy failed at step verify");
                    assertThat(e.result().rollbackOptions()).first().asString().isEqualTo("done: rolled back 2 migration(s)");
                    assertThat(e.result().rollbackOptions()).anyMatch(o -> o.startsWith("lockstep restore backups/"));
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(received).anyMatch(b -> b.contains("deploy.failure") && b.contains("\"failedStep\":\"verify\""));
    }

    @Test
    void insideTheDeniedWindowTheDeployStopsAtPreflightBeforeAnythingChanges() {
        PreflightSettings window = new PreflightSettings(Duration.ofSeconds(30), 80, Duration.ofSeconds(30),
                Duration.ofHours(24), "09:00-18:00", ZoneId.of("UTC"), true, List.of(), Set.of());
        Clock monday = Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneId.of("UTC"));
        assertThatThrownBy(() -> lockstep(monday, window, null, null).deploy(false, null, null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("step preflight").contains("deploy window");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        DeployResult r = lockstep(monday, window, null, null).deploy(false, "hotfix INC-7", null);
        assertThat(r.outcome()).isEqualTo("success");
    }

    @Test
    void aWebhookThatDoesNotAnswerNeverFailsTheDeploy() {
        DeployResult r = lockstep(Clock.systemUTC(), PreflightSettings.DEFAULT, "/stuck", null).deploy(false, null, null);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(m.notices).anyMatch(n -> n.contains("notification to slack webhook on 127.0.0.1 failed")
                && n.contains("the deploy goes on") && !n.contains("/stuck"));
    }
}
