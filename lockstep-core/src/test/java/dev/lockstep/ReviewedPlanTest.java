package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** deploy --plan-out saves what a deploy would do; deploy --plan applies exactly that, or refuses naming what changed. */
class ReviewedPlanTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    final Path plan = Path.of("plans/plan.json");

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V2__seed.sql", "INSERT INTO accounts VALUES (1, 'a@example.com');")
                .write("U2__seed.sql", "DELETE FROM accounts;")
                .write("V3__email_index.sql", "CREATE INDEX accounts_email ON accounts (email);");
    }

    private Lockstep lockstep(String url, Consumer<LockstepConfig.Builder> more) {
        return m.lockstep(url, b -> more.accept(b.workDir(root).installedBy("bob")
                .set(Setting.BACKUP_PROVIDER, "template").set(Setting.BACKUP_DIR, root.resolve("backups"))
                .set(Setting.VERIFY_DIR, root.resolve("verify")).set(Setting.ALLOW_UNSAFE, true)));
    }

    private Lockstep lockstep() {
        return lockstep(pg.url(), b -> { });
    }

    private DeployPlan save() {
        DeployResult r = lockstep().deploy(DeployOptions.DEFAULT.asDryRun().withPlanOut(plan));
        assertThat(r.outcome()).isEqualTo("dry-run");
        return r.review();
    }

    private LockstepException refusedDeploy(Lockstep lockstep) {
        try {
            lockstep.deploy(DeployOptions.DEFAULT.withPlan(plan));
        } catch (DeployFailedException e) {
            assertThat(e.result().failedStep()).isEqualTo("review");
            assertThat(e.result().steps()).filteredOn(s -> s.name().equals("backup")).extracting(DeployResult.Step::outcome)
                    .containsExactly("skipped");
            return e;
        }
        throw new AssertionError("the deploy was not refused");
    }

    @Test
    void aDryRunSavesThePlanWithItsDownPlanAndLintVerdictsAndADeployAppliesExactlyIt() throws Exception {
        DeployPlan saved = save();
        assertThat(root.resolve(plan)).exists();
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(saved.hash()).matches("sha256:[0-9a-f]{64}");
        assertThat(saved.migrations()).extracting(PlannedMigration::version).containsExactly("1", "2", "3");
        assertThat(saved.migrations().get(0).statements().get(0).sql()).contains("CREATE TABLE accounts");
        assertThat(saved.down()).extracting(PlannedMigration::version).containsExactly("2", "1");
        assertThat(saved.down().get(1).statements().get(0).sql()).isEqualTo("DROP TABLE accounts");
        assertThat(saved.irreversible()).containsExactly("3");
        assertThat(saved.lint()).anyMatch(v -> v.migration().equals("3") && v.rule().equals("require-concurrent-index")
                && v.verdict().equals("does not block: accounts is created in this run (migration 1)"));
        assertThat(saved.inputs().files()).extracting(DeployPlan.FileSum::script)
                .containsExactly("V1__accounts.sql", "V2__seed.sql", "V3__email_index.sql");
        assertThat(saved.inputs().settings()).containsEntry("lock-timeout", "1s").containsEntry("allow-unsafe", "true");
        assertThat(saved.inputs().target().database()).isEqualTo(pg.database());
        assertThat(Files.readString(root.resolve(plan))).contains(saved.hash()).contains("\"createdBy\" : \"bob\"");

        DeployResult r = lockstep().deploy(DeployOptions.DEFAULT.withPlan(plan));
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.migrate().executed()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
        assertThat(r.steps()).filteredOn(s -> s.name().equals("review")).singleElement()
                .satisfies(s -> assertThat(s.detail()).startsWith("matches plans/plan.json (" + saved.shortHash() + ")"));
        assertThat(r.review().hash()).isEqualTo(saved.hash());
        String html = Files.readString(root.resolve(r.report()).resolveSibling(r.runId() + ".html"));
        assertThat(html).as("the HTML report shows the plan as reviewed").contains("<h2>Reviewed plan</h2>")
                .contains(saved.hash()).contains("made by bob").contains("require-concurrent-index")
                .contains("does not block: accounts is created in this run (migration 1)")
                .contains("no down script for 3").contains("<li>2: seed (migrations/U2__seed.sql)</li>");
    }

    @Test
    void aPlanIsRefusedAfterAFileEditNamingTheFileAndNothingChanges() {
        save();
        m.write("V2__seed.sql", "INSERT INTO accounts VALUES (1, 'b@example.com');");
        m.write("V4__more.sql", "ALTER TABLE accounts ADD COLUMN name text;");
        LockstepException e = refusedDeploy(lockstep());
        assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHANGED);
        assertThat(e.exitCode()).isEqualTo(5);
        assertThat(e.getMessage()).contains("no longer matches plan plans/plan.json")
                .contains("V2__seed.sql changed (checksum ").contains("V4__more.sql was added")
                .doesNotContain("target");
        assertThat(e.hint()).contains("--plan-out plans/plan.json");
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(root.resolve("backups")).doesNotExist();
    }

    @Test
    void aPlanIsRefusedOnAnotherDatabase() {
        save();
        String other = pg.database() + "_other";
        pg.execute("DROP DATABASE IF EXISTS " + other);
        pg.execute("CREATE DATABASE " + other);
        String otherUrl = pg.url().substring(0, pg.url().lastIndexOf('/') + 1) + other;
        LockstepException e = refusedDeploy(lockstep(otherUrl, b -> { }));
        assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHANGED);
        assertThat(e.getMessage()).contains("the target changed: database " + pg.database() + " (oid ")
                .contains(", database " + other + " (oid ").doesNotContain("seed.sql");
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aPlanIsRefusedWhenASettingThatChangesTheDeployChangedOrTheDatabaseMoved() {
        save();
        LockstepException e = refusedDeploy(lockstep(pg.url(), b -> b.set(Setting.LOCK_TIMEOUT, Duration.ofSeconds(5))));
        assertThat(e.getMessage()).contains("setting lock-timeout: 1s in the plan, 5s now");

        lockstep().migrate(MigrateOptions.ALL.withTarget("1"));
        LockstepException moved = refusedDeploy(lockstep());
        assertThat(moved.getMessage()).contains("the database's version: none in the plan, 1 now");
    }

    @Test
    void thePlanMadeUnderTheRunnerLockMustHaveTheReviewedDigest() {
        assertThatThrownBy(() -> lockstep().migrate(MigrateOptions.ALL.expecting("0".repeat(64))))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHANGED);
                    assertThat(e.getMessage()).contains("now 1, 2, 3; nothing was applied");
                });
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aPlanFileEditedAfterSavingIsRefused() throws Exception {
        save();
        Path file = root.resolve(plan);
        Files.writeString(file, Files.readString(file).replace("DELETE FROM accounts", "SELECT 1"));
        LockstepException e = refusedDeploy(lockstep());
        assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHANGED);
        assertThat(e.getMessage()).contains("plan file plans/plan.json was changed after it was saved");
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aCorruptOrMissingPlanFileIsAPlanFileErrorAndNothingRuns() throws Exception {
        Files.createDirectories(root.resolve("plans"));
        Files.writeString(root.resolve(plan), "{\"format\": 1, \"hash\": \"sha256:00\", \"inputs\": {");
        LockstepException corrupt = refusedDeploy(lockstep());
        assertThat(corrupt.code()).isEqualTo(ErrorCode.PLAN_FILE);
        assertThat(corrupt.exitCode()).isEqualTo(2);
        assertThat(corrupt.getMessage()).contains("plans/plan.json is not a Lockstep deploy plan: not valid JSON");

        Files.writeString(root.resolve(plan), "[1, 2, 3]");
        assertThat(refusedDeploy(lockstep()).getMessage()).contains("it has no hash or no inputs");

        Files.delete(root.resolve(plan));
        assertThat(refusedDeploy(lockstep()).getMessage()).contains("plan file plans/plan.json does not exist");
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void approvalsAreCountedPerPersonAndTheDeployersOwnDoesNot() {
        Consumer<LockstepConfig.Builder> twoNeeded = b -> b.set(Setting.APPROVALS, 2);
        assertThatThrownBy(() -> lockstep(pg.url(), twoNeeded).deploy(DeployOptions.DEFAULT))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPROVALS_MISSING);
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("needs 2 approval(s) of a saved plan");
                });
        assertThat(pg.tableExists("accounts")).isFalse();

        DeployPlan saved = lockstep(pg.url(), twoNeeded).deploy(DeployOptions.DEFAULT.asDryRun().withPlanOut(plan))
                .review();
        Approval alice = lockstep(pg.url(), twoNeeded.andThen(b -> b.installedBy("alice"))).approve(plan);
        assertThat(alice.planHash()).isEqualTo(saved.hash());
        assertThat(alice.approvers()).containsExactly("alice");
        assertThat(alice.required()).isEqualTo(2);
        lockstep(pg.url(), twoNeeded.andThen(b -> b.installedBy("alice"))).approve(plan);
        Approval bob = lockstep(pg.url(), twoNeeded).approve(plan);
        assertThat(bob.approvers()).containsExactly("alice", "bob");

        LockstepException short1 = refusedDeploy(lockstep(pg.url(), twoNeeded));
        assertThat(short1.code()).isEqualTo(ErrorCode.APPROVALS_MISSING);
        assertThat(short1.getMessage()).contains("it has 1 (alice); the deployer's own approval does not count");
        assertThat(pg.tableExists("accounts")).isFalse();

        lockstep(pg.url(), twoNeeded.andThen(b -> b.installedBy("carol"))).approve(plan);
        DeployResult r = lockstep(pg.url(), twoNeeded).deploy(DeployOptions.DEFAULT.withPlan(plan));
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).filteredOn(s -> s.name().equals("review")).singleElement()
                .satisfies(s -> assertThat(s.detail()).endsWith("approved by alice, carol"));
        assertThat(pg.query("SELECT entry->>'user', entry->>'planHash' FROM lockstep.lockstep_audit "
                + "WHERE step = 'approve' ORDER BY id")).containsExactly(List.of("alice", saved.hash()),
                List.of("alice", saved.hash()), List.of("bob", saved.hash()), List.of("carol", saved.hash()));
    }

    @Test
    void aStalePlanCannotBeApproved() {
        save();
        m.write("V3__email_index.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);");
        assertThatThrownBy(() -> lockstep(pg.url(), b -> b.installedBy("alice")).approve(plan))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PLAN_CHANGED);
                    assertThat(e.getMessage()).contains("the deploy it would approve no longer matches")
                            .contains("V3__email_index.sql changed");
                });
        assertThat(pg.tableExists("lockstep.lockstep_audit")).isFalse();
    }
}
