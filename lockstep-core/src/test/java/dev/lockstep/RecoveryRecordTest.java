package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Rollback and restore leave an audit line, a report and a notification; any failed command notifies. */
class RecoveryRecordTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    MigrationsDir m;
    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V2__seed.sql", "INSERT INTO accounts VALUES (1), (2);")
                .write("U2__seed.sql", "DELETE FROM accounts;");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", x -> {
            received.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Lockstep lockstep() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        return m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.BACKUP_DIR, root.resolve("backups"))
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep"))
                .set(Setting.NOTIFY_WEBHOOK_URL_ENV, "HOOK").set(Setting.NOTIFY_SLACK_URL_ENV, "SLACK")
                .variables(Map.of("HOOK", url, "SLACK", url)));
    }

    private JsonNode event(String name) throws IOException {
        for (String body : received) {
            JsonNode n = JSON.readTree(body);
            if (n.path("event").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name + " among " + received);
    }

    private JsonNode lastAudit() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(".lockstep/audit.jsonl"));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aRollbackIsAuditedReportedAndToldWithWhatItUndid() throws IOException {
        lockstep().migrate();
        received.clear();

        MigrateResult r = lockstep().rollback(RollbackOptions.steps(1));

        JsonNode told = event("rollback.success");
        assertThat(told.path("undone").toString()).isEqualTo("[\"2\"]");
        assertThat(told.path("environment").isNull()).isTrue();
        assertThat(told.path("versionAfter").asText()).isEqualTo("1");
        assertThat(told.path("report").asText()).isEqualTo("reports/" + r.runId() + ".json");
        assertThat(received).anyMatch(b -> b.contains("Lockstep rollback success: (no --env): rollback done: "
                + "rolled back 2; now at version 1"));
        JsonNode report = JSON.readTree(root.resolve("reports/" + r.runId() + ".json").toFile());
        assertThat(report.path("outcome").asText()).isEqualTo("success");
        assertThat(report.path("result").path("executed").get(0).path("direction").asText()).isEqualTo("down");
        JsonNode audit = lastAudit();
        assertThat(audit.path("command").asText()).isEqualTo("rollback");
        assertThat(audit.path("user").asText()).isEqualTo("tester");
        assertThat(audit.path("undone").toString()).isEqualTo("[\"2\"]");
    }

    @Test
    void aRestoreIsAuditedReportedAndToldWhetherItIsIdentical() throws IOException {
        lockstep().migrate();
        BackupManifest b = lockstep().backup();
        pg.execute("INSERT INTO accounts VALUES (3)");
        received.clear();

        RestoreResult r = lockstep().restore(root.resolve("backups").resolve(b.file()), null);

        assertThat(r.identical()).isTrue();
        JsonNode told = event("restore.success");
        assertThat(told.path("identical").isBoolean()).isTrue();
        assertThat(told.path("identical").asBoolean()).isTrue();
        assertThat(told.path("backup").asText()).isEqualTo(b.file());
        assertThat(told.path("differences").asInt()).isZero();
        assertThat(told.path("report").asText()).startsWith("reports/");
        JsonNode report = JSON.readTree(root.resolve(told.path("report").asText()).toFile());
        assertThat(report.path("result").path("identical").asBoolean()).isTrue();
        assertThat(report.path("result").path("previousDatabase").isNull()).isTrue();
        assertThat(lastAudit().path("step").asText()).isEqualTo("restore");
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("2");
    }

    @Test
    void anyFailedCommandIsToldWithItsError() throws IOException {
        m.write("V3__broken.sql", "SELECT * FROM no_such_table;");

        assertThatThrownBy(() -> lockstep().migrate()).isInstanceOf(MigrateFailedException.class);

        JsonNode told = event("migrate.failure");
        assertThat(told.path("error").asText()).isEqualTo("MIGRATION_FAILED");
        assertThat(told.path("message").asText()).contains("migration 3 failed at");
        assertThat(told.path("outcome").asText()).isEqualTo("failure");
        assertThat(received).anyMatch(b -> b.contains(":x: Lockstep migrate failure: (no --env): migrate failed: "));
    }

    @Test
    void aFailedRollbackIsToldWithWhatItUndidBeforeTheFailure() throws IOException {
        m.write("U1__accounts.sql", "DROP TABLE no_such_table;");
        lockstep().migrate();
        received.clear();

        assertThatThrownBy(() -> lockstep().rollback(RollbackOptions.steps(2)))
                .isInstanceOfSatisfying(MigrateFailedException.class, e -> {
                    assertThat(e.partial().executed()).extracting(AppliedMigration::version).containsExactly("2");
                    assertThat(e.failed().version()).isEqualTo("1");
                    assertThat(e.failed().direction()).isEqualTo("down");
                });

        JsonNode told = event("rollback.failure");
        assertThat(told.path("undone").toString()).isEqualTo("[\"2\"]");
        assertThat(received).anyMatch(b -> b.contains("rollback failed: rollback of migration 1 failed at"));
    }

    @Test
    void aRestoreOfAMissingBackupIsToldAndChangesNothing() throws IOException {
        lockstep().migrate();
        received.clear();

        assertThatThrownBy(() -> lockstep().restore(root.resolve("backups/nothing.dump"), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(2));

        assertThat(event("restore.failure").path("message").asText()).contains("nothing.dump does not exist");
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("2");
    }

    @Test
    void aLintThatCannotReadItsFilesIsToldToo() throws IOException {
        m.write("V3__broken.sql", "SELECT 'unterminated;");
        m.write("V4__misplaced.sql", "SELECT 1;\n-- lockstep:transaction off\n");

        assertThatThrownBy(() -> lockstep().lint(java.util.List.of(), null)).isInstanceOf(LockstepException.class);

        JsonNode told = event("lint.failure");
        assertThat(told.path("error").asText()).isEqualTo("MIGRATION_FILES");
        assertThat(told.path("message").asText()).contains("V4__misplaced.sql");
        assertThat(told.path("outcome").asText()).isEqualTo("failure");
    }
}
