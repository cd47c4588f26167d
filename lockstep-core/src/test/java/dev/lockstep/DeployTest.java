package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.LockstepException;
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
import java.util.Map;
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

    private Lockstep lockstep(Clock clock, String slackPath, String jsonPath) {
        return lockstep(clock, slackPath, jsonPath, b -> { });
    }

    private Lockstep lockstep(Clock clock, String slackPath, String jsonPath,
                              java.util.function.Consumer<LockstepConfig.Builder> more) {
        Map<String, String> hooks = new java.util.HashMap<>();
        if (slackPath != null) {
            hooks.put("SLACK_URL", hook(slackPath));
        }
        if (jsonPath != null) {
            hooks.put("HOOK_URL", hook(jsonPath));
        }
        return m.lockstep(pg.url(), b -> more.accept(b.workDir(root).clock(clock)
                .set(Setting.BACKUP_DIR, root.resolve("backups"))
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep"))
                .set(Setting.VERIFY_DIR, root.resolve("verify"))
                .set(Setting.NOTIFY_SLACK_URL_ENV, slackPath == null ? null : "SLACK_URL")
                .set(Setting.NOTIFY_WEBHOOK_URL_ENV, jsonPath == null ? null : "HOOK_URL")
                // Short only where the receiver never answers; elsewhere a loaded machine must not lose a notification.
                .set(Setting.NOTIFY_TIMEOUT, "/stuck".equals(slackPath) || "/stuck".equals(jsonPath)
                        ? Duration.ofMillis(500) : Duration.ofSeconds(30))
                .variables(hooks)));
    }

    @Test
    void aDeployRunsEveryStepWritesAuditAndReportsAndNotifies() throws Exception {
        Files.writeString(root.resolve("verify/ok.sql"), "SELECT id FROM accounts WHERE id IS NULL;");
        DeployResult r = lockstep(Clock.systemUTC(), "/hook", "/hook").deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).extracting(DeployResult.Step::name).containsExactly("announce", "preflight", "review",
                "backup", "plan", "migrate", "verify", "undo", "report", "notify");
        assertThat(r.steps()).extracting(DeployResult.Step::outcome).containsExactly("ok", "ok", "ok", "ok", "ok", "ok",
                "ok", "skipped", "ok", "ok");
        assertThat(r.backup()).isNotNull();
        assertThat(r.migrate().versionAfter()).isEqualTo("2");
        List<String> audit = Files.readAllLines(root.resolve(".lockstep/audit.jsonl"));
        assertThat(audit).hasSize(9);
        JsonNode first = new ObjectMapper().readTree(audit.get(1));
        assertThat(first.path("runId").asText()).isEqualTo(r.runId());
        assertThat(first.path("step").asText()).isEqualTo("preflight");
        assertThat(first.path("user").asText()).isEqualTo("tester");
        assertThat(new ObjectMapper().readTree(audit.get(5)).path("migrations").toString()).isEqualTo("[\"1\",\"2\"]");
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
        Lockstep withTable = lockstep(Clock.systemUTC(), null, null, b -> b.set(Setting.AUDIT_TABLE, true));
        withTable.deploy(DeployOptions.DEFAULT.asDryRun());
        assertThat(pg.tableExists("lockstep.lockstep_audit")).isFalse();

        DeployResult r = withTable.deploy(DeployOptions.DEFAULT);
        assertThat(pg.query("SELECT step, outcome, entry->>'user' FROM lockstep.lockstep_audit WHERE run_id = '"
                + r.runId() + "' ORDER BY id")).containsExactly(List.of("preflight", "ok", "tester"),
                List.of("review", "ok", "tester"), List.of("backup", "ok", "tester"), List.of("plan", "ok", "tester"), List.of("migrate", "ok", "tester"),
                List.of("verify", "ok", "tester"), List.of("report", "ok", "tester"));
        assertThat(m.lockstep(pg.url()).validate().valid()).isTrue();
    }

    @Test
    void aDryRunRunsOnlyTheReadOnlyStepsAndChangesNothing() {
        DeployResult r = lockstep(Clock.systemUTC(), null, null).deploy(DeployOptions.DEFAULT.asDryRun());
        assertThat(r.outcome()).isEqualTo("dry-run");
        assertThat(r.steps()).extracting(DeployResult.Step::outcome).containsExactly("skipped", "ok", "ok", "skipped",
                "ok", "skipped", "ok", "skipped", "ok", "skipped");
        assertThat(r.plan().plan()).hasSize(2);
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(root.resolve("backups")).doesNotExist();
    }

    @Test
    void aFailedVerificationStopsNamesTheStepAndRollsBackWhenAsked() throws Exception {
        Files.writeString(root.resolve("verify/emails.sql"), "SELECT id FROM accounts WHERE email IS NULL;");
        assertThatThrownBy(() -> lockstep(Clock.systemUTC(), null, "/hook")
                .deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK))).isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("deploy failed at step verify")
                            .containsPattern("returned rows:\\n    id\\s*\\n    -+\\n    \\d+");
                    assertThat(e.result().undo().detail()).isEqualTo("rolled back 2, 1 with their down scripts");
                    assertThat(e.result().rollbackOptions()).isEmpty();
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        // After the undo the database is at no version: the notification says so, not the version migrate reached.
        assertThat(received).anyMatch(b -> b.contains("deploy.failure") && b.contains("\"failedStep\":\"verify\"")
                && b.contains("\"versionAfter\":null") && b.contains("\"undone\":[\"2\",\"1\"]"));
    }

    @Test
    void insideTheDeniedWindowTheDeployStopsAtPreflightBeforeAnythingChanges() {
        java.util.function.Consumer<LockstepConfig.Builder> window = b -> b.set(Setting.DENY_WINDOW, "09:00-18:00");
        Clock monday = Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneId.of("UTC"));
        assertThatThrownBy(() -> lockstep(monday, null, null, window).deploy(DeployOptions.DEFAULT))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("step preflight").contains("deploy window");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        DeployResult r = lockstep(monday, null, null, window).deploy(DeployOptions.DEFAULT.withOutsideWindowReason("hotfix INC-7"));
        assertThat(r.outcome()).isEqualTo("success");
    }

    @Test
    void aWebhookThatDoesNotAnswerNeverFailsTheDeploy() {
        DeployResult r = lockstep(Clock.systemUTC(), "/stuck", null).deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(m.notices).anyMatch(n -> n.contains("notification to slack webhook on 127.0.0.1 failed")
                && n.contains("carrying on") && !n.contains("/stuck"));
    }
}
