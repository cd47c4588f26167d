package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.DeployOptions.OnFailure;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A failed deploy is undone exactly: every migration of the run, the one left half-way, or the backup. */
class DeployUndoTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n"
                + "INSERT INTO accounts VALUES (1, 'a@example.com');")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V2__invoices.sql", "CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint "
                        + "REFERENCES accounts (id));\nINSERT INTO invoices VALUES (1, 1);")
                .write("U2__invoices.sql", "DROP TABLE invoices;")
                .write("V3__note.sql", "ALTER TABLE accounts ADD COLUMN note text;")
                .write("U3__note.sql", "-- lockstep:ignore ban-drop-column the down script undoes V3\n"
                        + "ALTER TABLE accounts DROP COLUMN note;");
    }

    @AfterEach
    void dropLeftovers() {
        for (List<String> row : pg.query("SELECT datname FROM pg_database WHERE datname LIKE '" + pg.database()
                + "\\_%'")) {
            pg.execute("DROP DATABASE IF EXISTS \"" + row.get(0) + "\" WITH (FORCE)");
        }
    }

    private Lockstep lockstep() {
        return m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.BACKUP_DIR, root.resolve("backups"))
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep")).set(Setting.VERIFY_DIR, root.resolve("verify")));
    }

    private DeployFailedException failedDeploy(OnFailure onFailure) {
        try {
            lockstep().deploy(DeployOptions.DEFAULT.withOnFailure(onFailure));
        } catch (DeployFailedException e) {
            return e;
        }
        throw new AssertionError("the deploy did not fail");
    }

    private void failingFourth() {
        m.write("V4__broken.sql", "INSERT INTO no_such_table VALUES (1);").write("U4__broken.sql", "SELECT 1;");
    }

    private List<String> versions(List<AppliedMigration> migrations) {
        return migrations.stream().map(AppliedMigration::version).toList();
    }

    private JsonNode auditOf(String step) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(".lockstep/audit.jsonl"));
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonNode n = JSON.readTree(lines.get(i));
            if (n.path("step").asText().equals(step)) {
                return n;
            }
        }
        throw new AssertionError("no audit entry for " + step + " in " + lines);
    }

    @Test
    void onFailureRollbackUndoesEveryMigrationOfTheRunNewestFirstAndRecordsIt() throws IOException {
        lockstep().migrate(MigrateOptions.ALL.withTarget("1"));
        failingFourth();

        DeployFailedException e = failedDeploy(OnFailure.ROLLBACK);

        assertThat(e.exitCode()).isEqualTo(1);
        DeployResult r = e.result();
        assertThat(versions(r.migrate().executed())).containsExactly("2", "3");
        assertThat(r.failedMigration().version()).isEqualTo("4");
        assertThat(r.failedMigration().partial()).isFalse();
        assertThat(r.undo().action()).isEqualTo("rollback");
        assertThat(r.undo().outcome()).isEqualTo("done");
        assertThat(versions(r.undo().undone())).containsExactly("3", "2");
        assertThat(r.rollbackOptions()).isEmpty();
        assertThat(e.hint()).contains("--on-failure rollback done: rolled back 3, 2").doesNotContain("to undo");
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"))
                .isEqualTo("0");
        assertThat(lockstep().status().currentVersion()).isEqualTo("1");

        JsonNode undo = auditOf("undo");
        assertThat(undo.path("outcome").asText()).isEqualTo("ok");
        assertThat(undo.path("undoneBy").asText()).isEqualTo("rollback");
        assertThat(undo.path("undone").toString()).isEqualTo("[\"3\",\"2\"]");
        assertThat(undo.path("migrations").toString()).isEqualTo("[\"2\",\"3\"]");
        assertThat(undo.path("failedMigration").asText()).isEqualTo("4");
        JsonNode report = JSON.readTree(root.resolve(r.report()).toFile());
        assertThat(report.path("undo").path("outcome").asText()).isEqualTo("done");
        assertThat(report.path("failedMigration").path("statementsApplied").asInt()).isZero();
        assertThat(report.path("migrate").path("executed")).hasSize(2);
    }

    @Test
    void theAdviceAfterAFailedDeployIsExactlyWhatUndoesThisRun() {
        lockstep().migrate(MigrateOptions.ALL.withTarget("1"));
        failingFourth();

        DeployResult r = failedDeploy(OnFailure.NONE).result();

        assertThat(r.undo()).isNull();
        assertThat(r.rollbackOptions()).containsExactly(
                "lockstep rollback --to 1 (down scripts of this run's migrations, newest first)",
                "lockstep restore backups/" + r.backup().file());
        MigrateResult undone = lockstep().rollback(RollbackOptions.to("1"));
        assertThat(versions(undone.executed())).containsExactly("3", "2");
        assertThat(lockstep().status().currentVersion()).isEqualTo("1");
        assertThat(pg.tableExists("accounts")).isTrue();
    }

    @Test
    void onAnEmptyDatabaseTwoAppliedAndTheThirdFailingAreBothRolledBack() {
        m.write("V3__note.sql", "ALTER TABLE accounts ADD COLUMN note text;\nSELECT 1/0;");

        DeployFailedException before = failedDeploy(OnFailure.NONE);
        assertThat(before.result().rollbackOptions()).first().asString().startsWith("lockstep rollback --steps 2 ");
        lockstep().rollback(RollbackOptions.steps(2));
        lockstep().repair();

        DeployResult r = failedDeploy(OnFailure.ROLLBACK).result();
        assertThat(versions(r.undo().undone())).containsExactly("2", "1");
        assertThat(r.undo().detail()).isEqualTo("rolled back 2, 1 with their down scripts");
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(lockstep().status().currentVersion()).isNull();
    }

    @Test
    void aMigrationLeftHalfWayIsUndoneWithItsDownScriptBeforeTheOnesUnderIt() {
        m.write("V3__note.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "CREATE INDEX CONCURRENTLY nope ON no_such_table (x);")
                .write("U3__note.sql", "DROP INDEX CONCURRENTLY IF EXISTS nope;\n"
                        + "DROP INDEX CONCURRENTLY IF EXISTS accounts_email;");

        DeployResult advised = failedDeploy(OnFailure.NONE).result();
        assertThat(advised.failedMigration().statementsApplied()).isEqualTo(1);
        assertThat(advised.failedMigration().statementsTotal()).isEqualTo(2);
        assertThat(advised.failedMigration().transactional()).isFalse();
        assertThat(advised.rollbackOptions()).first().asString().startsWith("lockstep rollback --steps 3 --partial ");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("1");
        MigrateResult advice = lockstep().rollback(RollbackOptions.steps(3).withPartial());
        assertThat(versions(advice.executed())).containsExactly("3", "2", "1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("0");

        DeployResult r = failedDeploy(OnFailure.ROLLBACK).result();
        assertThat(r.undo().outcome()).isEqualTo("done");
        assertThat(versions(r.undo().undone())).containsExactly("3", "2", "1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("0");
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(lockstep().status().migrations()).extracting(l -> l.state().label())
                .containsExactly("pending", "pending", "pending");
    }

    @Test
    void aMigrationLeftHalfWayWithoutADownScriptIsNamedPreciselyAndNothingIsRolledBackUnderIt() {
        m.write("V3__note.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "CREATE INDEX CONCURRENTLY nope ON no_such_table (x);");
        m.delete("U3__note.sql");

        DeployFailedException e = failedDeploy(OnFailure.ROLLBACK);

        assertThat(e.exitCode()).isEqualTo(1);
        DeployResult r = e.result();
        assertThat(r.undo().outcome()).isEqualTo("failed");
        assertThat(r.undo().undone()).isEmpty();
        assertThat(r.undo().detail()).contains("migration 3 (").contains("V3__note.sql) stopped at statement 2 of 2")
                .contains("has no down script: its statements 1 to 1 stay applied");
        assertThat(r.rollbackOptions()).first().asString().startsWith("no rollback: migration 3");
        assertThat(r.rollbackOptions()).anyMatch(o -> o.startsWith("lockstep restore backups/"));
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThat(r.steps()).filteredOn(s -> s.name().equals("undo")).extracting(DeployResult.Step::outcome)
                .containsExactly("failed");
    }

    @Test
    void onFailureRestoreGivesBackTheDatabaseOfTheBackupTakenByTheRun() throws IOException {
        lockstep().migrate(MigrateOptions.ALL.withTarget("1"));
        failingFourth();

        DeployFailedException e = failedDeploy(OnFailure.RESTORE);

        DeployResult r = e.result();
        assertThat(r.undo().action()).isEqualTo("restore");
        assertThat(r.undo().outcome()).isEqualTo("done");
        assertThat(r.undo().restore().identical()).isTrue();
        assertThat(versions(r.undo().undone())).as("what the restore took back, newest first")
                .containsExactly("3", "2");
        assertThat(r.undo().detail()).contains("identical to the backup of " + r.backup().createdAt());
        assertThat(r.rollbackOptions()).isEmpty();
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"))
                .isEqualTo("0");
        assertThat(lockstep().status().currentVersion()).isEqualTo("1");
        assertThat(auditOf("undo").path("undoneBy").asText()).isEqualTo("restore");
        assertThat(JSON.readTree(root.resolve(r.report()).toFile()).path("undo").path("restore").path("identical")
                .isBoolean()).isTrue();
    }

    @Test
    void onFailureRestoreAlsoNamesTheMigrationItTookBackHalfWay() {
        m.write("V3__note.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "CREATE INDEX CONCURRENTLY nope ON no_such_table (x);");

        DeployResult r = failedDeploy(OnFailure.RESTORE).result();

        assertThat(r.failedMigration().statementsApplied()).isEqualTo(1);
        assertThat(r.undo().outcome()).isEqualTo("done");
        assertThat(versions(r.undo().undone())).as("the half-applied 3 first, then the completed ones")
                .containsExactly("3", "2", "1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_email'")).isEqualTo("0");
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aDeployThatFailsBeforeChangingAnythingHasNothingToUndo() {
        // Refused by the lint gate whatever the table holds: the deploy stops at its plan step.
        m.write("V2__invoices.sql", "TRUNCATE accounts CASCADE;");

        DeployResult r = failedDeploy(OnFailure.ROLLBACK).result();

        assertThat(r.failedStep()).isEqualTo("plan");
        assertThat(r.backup()).isNotNull();
        assertThat(r.rollbackOptions()).isEmpty();
        assertThat(r.undo().outcome()).isEqualTo("nothing to undo");
    }
}
