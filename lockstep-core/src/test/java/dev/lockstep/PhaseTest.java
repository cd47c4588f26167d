package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Expand and contract: the three-phase column change of the runbooks (add, backfill, then drop the old column). */
class PhaseTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final MigrateOptions CONTRACT = MigrateOptions.ALL.withPhase(Phase.CONTRACT);

    @TempDir
    Path root;
    MigrationsDir m;
    HttpServer app;
    final AtomicInteger releaseStatus = new AtomicInteger(503);

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__contributions.sql", "CREATE TABLE contributions (id bigint PRIMARY KEY, old_field text);\n"
                        + "INSERT INTO contributions VALUES (1, 'a'), (2, 'b');\n")
                .write("V2__add_new_field.sql", "-- lockstep:phase expand\n"
                        + "ALTER TABLE contributions ADD COLUMN new_field text;\n")
                .write("V3__backfill_new_field.sql", "-- lockstep:phase expand\n"
                        + "UPDATE contributions SET new_field = old_field || '-migrated' WHERE new_field IS NULL;\n")
                .write("V4__drop_old_field.sql", "-- lockstep:phase contract\n"
                        + "-- lockstep:ignore ban-drop-column release 2.4 no longer reads old_field\n"
                        + "ALTER TABLE contributions DROP COLUMN old_field;\n");
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/release", x -> {
            x.sendResponseHeaders(releaseStatus.get(), -1);
            x.close();
        });
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    private Lockstep lockstep(String contractRequires) {
        return m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.CONTRACT_REQUIRES, contractRequires));
    }

    private boolean oldFieldExists() {
        return pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'contributions' "
                + "AND column_name = 'old_field'").equals("1");
    }

    @Test
    void aPlainMigrateAppliesTheExpandPhaseAndTheContractMigrationWaits() {
        MigrateResult r = lockstep(null).migrate();
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
        assertThat(oldFieldExists()).isTrue();
        assertThat(pg.queryValue("SELECT string_agg(new_field, ',' ORDER BY id) FROM contributions"))
                .isEqualTo("a-migrated,b-migrated");
        assertThat(m.notices).anyMatch(n -> n.contains("wait for 'migrate --phase contract': 4"));

        StatusResult status = lockstep(null).status();
        assertThat(status.migrations()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED,
                MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.WAITING);
        assertThat(status.migrations().get(3).note()).contains("migrate --phase contract");
        assertThat(status.pending()).isZero();
        assertThat(status.waiting()).isEqualTo(1);
        assertThat(status.upToDate()).isTrue();

        MigrateResult again = lockstep(null).migrate(MigrateOptions.ALL.withPhase(Phase.EXPAND));
        assertThat(again.executed()).isEmpty();
        assertThat(oldFieldExists()).isTrue();
    }

    @Test
    void theContractPhaseIsRefusedWhileAnExpandMigrationIsNotApplied() {
        lockstep(null).migrate(MigrateOptions.ALL.withTarget("2"));
        assertThatThrownBy(() -> lockstep(null).migrate(CONTRACT))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTRACT_NOT_READY);
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("not applied: 3 (").contains("nothing was applied");
                    assertThat(e.hint()).contains("migrate --phase expand");
                });
        assertThat(oldFieldExists()).isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM contributions WHERE new_field IS NOT NULL")).isEqualTo("0");
    }

    @Test
    void theContractPhaseWaitsUntilTheHttpCheckAnswers200() {
        String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/release";
        lockstep(url).migrate();

        assertThatThrownBy(() -> lockstep(url).migrate(CONTRACT))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTRACT_NOT_READY);
                    assertThat(e.getMessage()).contains("GET " + url).contains("answered 503, expected 200")
                            .contains("contract migration(s) 4 wait");
                });
        assertThat(oldFieldExists()).isTrue();
        assertThat(lockstep(url).status().waiting()).isEqualTo(1);

        releaseStatus.set(200);
        MigrateResult r = lockstep(url).migrate(CONTRACT);
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("4");
        assertThat(oldFieldExists()).isFalse();
        assertThat(lockstep(url).status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void theContractPhaseWaitsUntilTheShellCommandExitsZero() throws Exception {
        String check = "test -f release-2.4.deployed || { echo 'release 2.4 is not everywhere yet'; exit 1; }";
        lockstep(check).migrate();

        assertThatThrownBy(() -> lockstep(check).migrate(CONTRACT))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("exit 1").contains("release 2.4 is not everywhere yet"));
        assertThat(oldFieldExists()).isTrue();

        Files.writeString(root.resolve("release-2.4.deployed"), "");
        assertThat(lockstep(check).migrate(CONTRACT).executed()).extracting(AppliedMigration::version)
                .containsExactly("4");
        assertThat(oldFieldExists()).isFalse();
    }

    @Test
    void aLaterMigrationAppliedWhileTheContractWaitsDoesNotMakeItOutOfOrder() {
        lockstep(null).migrate();
        m.write("V5__add_index_column.sql", "ALTER TABLE contributions ADD COLUMN note text;\n");
        assertThat(lockstep(null).migrate().executed()).extracting(AppliedMigration::version).containsExactly("5");
        assertThat(lockstep(null).validate().issues()).isEmpty();

        MigrateResult plan = lockstep(null).migrate(CONTRACT.asDryRun());
        assertThat(plan.plan()).extracting(PlannedMigration::version).containsExactly("4");
        assertThat(lockstep(null).migrate(CONTRACT).executed()).extracting(AppliedMigration::version)
                .containsExactly("4");
        assertThat(lockstep(null).status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aDeployPlanSavedForTheContractPhaseKeepsItsPhase() throws Exception {
        String check = "test -f release-2.4.deployed";
        java.util.function.Consumer<LockstepConfig.Builder> deploying = b -> b.workDir(root)
                .set(Setting.CONTRACT_REQUIRES, check).set(Setting.BACKUP_PROVIDER, "template")
                .set(Setting.BACKUP_DIR, root.resolve("backups")).set(Setting.VERIFY_DIR, root.resolve("verify"));
        Path plan = Path.of("contract.json");
        m.lockstep(pg.url(), deploying).deploy(DeployOptions.DEFAULT.withPhase(Phase.EXPAND));
        assertThat(oldFieldExists()).isTrue();

        assertThatThrownBy(() -> m.lockstep(pg.url(), deploying)
                .deploy(DeployOptions.DEFAULT.withPhase(Phase.CONTRACT).asDryRun().withPlanOut(plan)))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONTRACT_NOT_READY);
                    assertThat(e.result().failedStep()).isEqualTo("review");
                });
        Files.writeString(root.resolve("release-2.4.deployed"), "");
        DeployPlan saved = m.lockstep(pg.url(), deploying)
                .deploy(DeployOptions.DEFAULT.withPhase(Phase.CONTRACT).asDryRun().withPlanOut(plan)).review();
        assertThat(saved.inputs().phase()).isEqualTo("contract");
        assertThat(saved.migrations()).extracting(PlannedMigration::version).containsExactly("4");
        assertThat(oldFieldExists()).isTrue();

        DeployResult r = m.lockstep(pg.url(), deploying).deploy(DeployOptions.DEFAULT.withPlan(plan));
        assertThat(r.migrate().executed()).extracting(AppliedMigration::version).containsExactly("4");
        assertThat(oldFieldExists()).isFalse();
    }

    @Test
    void anUnknownPhaseInAFileIsRefusedNamingTheLine() {
        m.write("V5__bad.sql", "-- lockstep:phase sideways\nSELECT 1;\n");
        assertThatThrownBy(() -> lockstep(null).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("V5__bad.sql:1: lockstep:phase takes expand or contract, "
                            + "not 'sideways'");
                });
        assertThat(pg.tableExists("contributions")).isFalse();
    }

    @Test
    void aPhaseOnARepeatableMigrationIsRefused() {
        m.write("R__views.sql", "-- lockstep:phase contract\nCREATE OR REPLACE VIEW v AS SELECT 1 AS one;\n");
        assertThatThrownBy(() -> lockstep(null).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("phases order versioned migrations only"));
        assertThat(pg.tableExists("contributions")).isFalse();
    }
}
