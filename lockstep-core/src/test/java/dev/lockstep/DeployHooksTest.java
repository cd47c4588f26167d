package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code [hooks]}: real shell commands at each hook point of a real deploy. */
class DeployHooksTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    Path log;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V2__seed.sql", "INSERT INTO accounts VALUES (1, 'a@example.com');")
                .write("U2__seed.sql", "DELETE FROM accounts;");
        log = root.resolve("hooks.log");
    }

    /** A hook command that appends its point and some of its variables to hooks.log. */
    private String logs(String... variables) {
        StringBuilder line = new StringBuilder("echo \"$LOCKSTEP_HOOK");
        for (String v : variables) {
            line.append(" ").append(v).append("=$LOCKSTEP_").append(v);
        }
        return line.append("\" >> ").append(log).toString();
    }

    private Lockstep lockstep(String url, Consumer<LockstepConfig.Builder> hooks) {
        return m.lockstep(url, b -> {
            b.workDir(root).set(Setting.BACKUP_DIR, root.resolve("backups"))
                    .set(Setting.VERIFY_DIR, root.resolve("verify"));
            hooks.accept(b);
        });
    }

    private static List<HookCommand> cmd(String... commands) {
        return java.util.Arrays.stream(commands).map(c -> new HookCommand(c, null, null)).toList();
    }

    private List<String> logLines() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void hooksRunInOrderWithTheRunsFactsAndNeverAPassword() throws Exception {
        String withPassword = pg.url().replace("postgres@", "postgres:s3cret-pw@");
        DeployResult r = lockstep(withPassword, b -> b
                .set(Setting.HOOK_BEFORE_DEPLOY, cmd(logs("RUN_ID", "PENDING"), "env | grep '^LOCKSTEP_' > "
                        + root.resolve("env.txt")))
                .set(Setting.HOOK_AFTER_BACKUP, cmd(logs("BACKUP")))
                .set(Setting.HOOK_BEFORE_MIGRATE, cmd(logs("VERSION_BEFORE", "VERSION_TARGET", "PENDING")))
                .set(Setting.HOOK_AFTER_MIGRATE, cmd(logs("VERSION_AFTER", "APPLIED"), "echo scaled up to 3 replicas"))
                .set(Setting.HOOK_AFTER_VERIFY, cmd(logs("OUTCOME", "REPORT")))
                .set(Setting.HOOK_ON_FAILURE, cmd(logs()))).deploy(DeployOptions.DEFAULT);

        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).extracting(DeployResult.Step::name).containsExactly("announce", "before-deploy",
                "preflight", "review", "backup", "after-backup", "plan", "before-migrate", "migrate", "after-migrate",
                "verify", "after-verify", "on-failure", "undo", "report", "notify");
        List<String> lines = logLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("before-deploy RUN_ID=" + r.runId() + " PENDING=");
        assertThat(lines.get(1)).startsWith("after-backup BACKUP=" + root.resolve("backups")).endsWith(".dump");
        assertThat(lines.get(2)).isEqualTo("before-migrate VERSION_BEFORE= VERSION_TARGET=2 PENDING=1 2");
        assertThat(lines.get(3)).isEqualTo("after-migrate VERSION_AFTER=2 APPLIED=1 2");
        assertThat(lines.get(4)).isEqualTo("after-verify OUTCOME=running REPORT="
                + root.resolve("reports").resolve(r.runId() + ".json"));

        String env = Files.readString(root.resolve("env.txt"));
        assertThat(env).contains("LOCKSTEP_ENV=").contains("LOCKSTEP_USER=tester").doesNotContain("s3cret-pw");
        assertThat(r.hooks()).extracting(HookResult::hook).containsExactly("before-deploy", "before-deploy",
                "after-backup", "before-migrate", "after-migrate", "after-migrate", "after-verify");
        HookResult scaled = r.hooks().get(5);
        assertThat(scaled.output()).isEqualTo("scaled up to 3 replicas");
        assertThat(scaled.exitCode()).isZero();

        JsonNode audit = auditEntry("after-migrate");
        assertThat(audit.path("hooks").get(1).path("output").asText()).isEqualTo("scaled up to 3 replicas");
        String html = Files.readString(root.resolve("reports").resolve(r.runId() + ".html"));
        assertThat(html).contains("<h2>Hooks</h2>").contains("scaled up to 3 replicas");
    }

    private JsonNode auditEntry(String step) throws IOException {
        JsonNode found = null;
        for (String line : Files.readAllLines(root.resolve(".lockstep/audit.jsonl"))) {
            JsonNode e = new ObjectMapper().readTree(line);
            if (e.path("step").asText().equals(step)) {
                found = e;
            }
        }
        assertThat(found).as("audit entry of " + step).isNotNull();
        return found;
    }

    @Test
    void aFailingBeforeMigrateHookStopsTheDeployBeforeAnythingIsApplied() throws Exception {
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b
                .set(Setting.HOOK_BEFORE_MIGRATE, cmd("echo maintenance page not reachable >&2; exit 7", logs()))
                .set(Setting.HOOK_AFTER_MIGRATE, cmd(logs()))
                .set(Setting.HOOK_ON_FAILURE, cmd(logs("FAILED_STEP", "OUTCOME"))))
                .deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK)))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("deploy failed at step before-migrate")
                            .contains("exit 7: maintenance page not reachable").contains("nothing was migrated");
                    assertThat(e.result().hooks()).extracting(HookResult::outcome).containsExactly("failed", "ok");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(pg.tableExists("lockstep.lockstep_history")
                ? pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history") : "0").isEqualTo("0");
        // the second before-migrate command and the after-migrate hook never ran; on-failure did
        assertThat(logLines()).containsExactly("on-failure FAILED_STEP=before-migrate OUTCOME=failure");
    }

    @Test
    void aFailingBeforeDeployHookStopsEvenPreflightAndTheBackup() {
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b.set(Setting.HOOK_BEFORE_DEPLOY, cmd("false")))
                .deploy(DeployOptions.DEFAULT)).isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.result().steps()).filteredOn(s -> s.name().equals("preflight")).extracting(
                            DeployResult.Step::outcome).containsExactly("skipped");
                });
        assertThat(root.resolve("backups")).doesNotExist();
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aFailingAfterHookFailsTheDeployAndTheUndoRunsThenAfterUndo() throws Exception {
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b
                .set(Setting.HOOK_AFTER_MIGRATE, cmd("echo cache purge refused; exit 1"))
                .set(Setting.HOOK_AFTER_VERIFY, cmd(logs()))
                .set(Setting.HOOK_AFTER_UNDO, cmd(logs("UNDO", "APPLIED"))))
                .deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK)))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.result().failedStep()).isEqualTo("after-migrate");
                    assertThat(e.getMessage()).contains("`echo cache purge refused; exit 1` exit 1: cache purge refused");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(logLines()).containsExactly("after-undo UNDO=ok: rolled back 2, 1 with their down scripts APPLIED=1 2");
    }

    @Test
    void withHookFailureWarnAFailingAfterHookIsAWarningAndTheDeploySucceeds() {
        DeployResult r = lockstep(pg.url(), b -> b.set(Setting.HOOK_FAILURE, HookFailure.WARN)
                .set(Setting.HOOK_AFTER_MIGRATE, cmd("exit 4", "echo second runs too")))
                .deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).filteredOn(s -> s.name().equals("after-migrate")).singleElement()
                .satisfies(s -> {
                    assertThat(s.outcome()).isEqualTo("warning");
                    assertThat(s.detail()).contains("exit 4").contains("hook-failure = warn");
                });
        assertThat(r.hooks()).extracting(HookResult::outcome).containsExactly("warning", "ok");
        assertThat(pg.tableExists("accounts")).isTrue();
    }

    @Test
    void aHookPastItsTimeoutIsKilledAndFailsInItsWorkingDirectory() throws IOException {
        Files.createDirectories(root.resolve("ops"));
        String ops = root.resolve("ops").toRealPath().toString();
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b.set(Setting.HOOK_DIR, Path.of("ops"))
                .set(Setting.HOOK_BEFORE_MIGRATE, List.of(new HookCommand("pwd; sleep 30", Duration.ofMillis(500),
                        null)))).deploy(DeployOptions.DEFAULT))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    HookResult r = e.result().hooks().get(0);
                    assertThat(r.exitCode()).isNull();
                    assertThat(r.problem()).isEqualTo("did not finish within 500ms");
                    assertThat(r.output()).isEqualTo(ops);
                    assertThat(r.dir()).isEqualTo("ops");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aHookWhoseWorkingDirectoryIsMissingFailsSayingSo() {
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b.set(Setting.HOOK_BEFORE_DEPLOY,
                List.of(new HookCommand("true", null, Path.of("no-such-dir"))))).deploy(DeployOptions.DEFAULT))
                .isInstanceOfSatisfying(DeployFailedException.class, e ->
                        assertThat(e.getMessage()).contains("its working directory no-such-dir does not exist"));
    }

    @Test
    void aDryRunRunsNoHook() throws IOException {
        DeployResult r = lockstep(pg.url(), b -> b.set(Setting.HOOK_BEFORE_DEPLOY, cmd(logs()))
                .set(Setting.HOOK_BEFORE_MIGRATE, cmd(logs()))).deploy(DeployOptions.DEFAULT.asDryRun());
        assertThat(r.steps()).filteredOn(s -> s.name().startsWith("before-")).extracting(DeployResult.Step::detail)
                .containsExactly("dry run", "dry run");
        assertThat(logLines()).isEmpty();
    }

    @Test
    void hooksAreReadAsOneCommandAListOrTablesAndABadKeyIsNamed() {
        assertThat(Setting.HOOK_AFTER_VERIFY.parse("curl -X POST https://cdn.example/purge?a=1,b=2"))
                .containsExactly(new HookCommand("curl -X POST https://cdn.example/purge?a=1,b=2", null, null));
        assertThat(Setting.HOOK_BEFORE_MIGRATE.parse(List.of("make maintenance-on", Map.of("run",
                "kubectl scale deploy/app --replicas=0", "timeout", "2m", "dir", "ops")))).containsExactly(
                new HookCommand("make maintenance-on", null, null),
                new HookCommand("kubectl scale deploy/app --replicas=0", Duration.ofMinutes(2), Path.of("ops")));
        assertThatThrownBy(() -> Setting.HOOK_BEFORE_MIGRATE.parse(List.of(Map.of("command", "x"))))
                .hasMessage("hooks.before-migrate: a hook has no key 'command' (run, timeout, dir)");
        assertThatThrownBy(() -> Setting.HOOK_FAILURE.parse("ignore"))
                .hasMessage("hooks.hook-failure: 'ignore' is not one of fail, warn");
    }
}
