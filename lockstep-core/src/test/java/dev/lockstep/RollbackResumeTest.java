package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A down script run statement by statement that fails half-way: recorded, shown, refused past, resumed. */
class RollbackResumeTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    private static final String DOWN = "-- lockstep:transaction off\nDROP TABLE invoices;\nDROP TABLE %s;\n"
            + "DROP TABLE payments;\n";

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);")
                .write("U1__accounts.sql", "DROP TABLE accounts;")
                .write("V7__billing.sql", "CREATE TABLE invoices (id int);\nCREATE TABLE refunds (id int);\n"
                        + "CREATE TABLE payments (id int);")
                .write("U7__billing.sql", DOWN.formatted("refundz"));
        m.lockstep(pg.url()).migrate();
    }

    private void failHalfWay() {
        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(MigrateFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("rollback of migration 7 failed at").contains("U7__billing.sql:3")
                            .contains("42P01");
                    assertThat(e.hint()).contains("1 of 3 statements of rollback of migration 7 are applied and recorded")
                            .contains("fix statement 2 and run rollback again: it resumes there")
                            .doesNotContain("migrate");
                    assertThat(e.failed().direction()).isEqualTo("down");
                    assertThat(e.failed().statementsApplied()).isEqualTo(1);
                    assertThat(e.failed().statementsTotal()).isEqualTo(3);
                });
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.tableExists("refunds")).isTrue();
        assertThat(pg.tableExists("payments")).isTrue();
    }

    @Test
    void aRollbackThatStopsHalfWayIsShownByStatusAndValidateAndMigrateRefusesToRunPastIt() {
        failHalfWay();

        StatusResult status = m.lockstep(pg.url()).status();
        MigrationInfo seven = status.migrations().get(1);
        assertThat(seven.state()).isEqualTo(MigrationState.ROLLBACK_STOPPED);
        assertThat(seven.note()).startsWith("rollback of 7 stopped at statement 2 of 3: ")
                .contains("\"refundz\" does not exist").contains("run rollback again");
        assertThat(status.stoppedRollbacks()).isEqualTo(1);
        assertThat(status.pending()).isZero();
        assertThat(status.upToDate()).isFalse();
        assertThat(status.issues()).isEmpty();
        assertThat(status.currentVersion()).isEqualTo("7");

        ValidateResult valid = m.lockstep(pg.url()).validate();
        assertThat(valid.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.ROLLBACK_STOPPED);
            assertThat(i.version()).isEqualTo("7");
            assertThat(i.message()).contains("rollback of 7 stopped at statement 2 of 3")
                    .contains("neither applied nor rolled back");
        });

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage()).contains("rollback of 7 stopped at statement 2 of 3");
            assertThat(e.hint()).contains("run 'lockstep rollback', which resumes at the failed statement")
                    .contains("nothing was applied");
        });
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history")).isEqualTo("3");
    }

    @Test
    void fixingTheDownScriptAndRollingBackAgainResumesAtTheFailedStatement() {
        failHalfWay();
        m.write("U7__billing.sql", DOWN.formatted("refunds"));

        MigrateResult dry = m.lockstep(pg.url()).rollback(RollbackOptions.steps(1).asDryRun());
        assertThat(dry.plan()).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo("7");
            assertThat(p.skip()).isEqualTo(1);
        });
        assertThat(pg.tableExists("refunds")).isTrue();

        // Statement 1 (DROP TABLE invoices) would fail if it ran again: the table is gone.
        MigrateResult done = m.lockstep(pg.url()).rollback(RollbackOptions.steps(1));
        assertThat(done.executed()).singleElement().satisfies(a -> {
            assertThat(a.version()).isEqualTo("7");
            assertThat(a.direction()).isEqualTo("down");
        });
        assertThat(done.versionAfter()).isEqualTo("1");
        assertThat(m.notices).anyMatch(n -> n.contains("rollback of migration 7: statement 1 ran in the run that "
                + "stopped; resuming at statement 2 of 3"));
        assertThat(pg.tableExists("refunds")).isFalse();
        assertThat(pg.tableExists("payments")).isFalse();
        assertThat(pg.tableExists("accounts")).isTrue();
        assertThat(pg.query("SELECT kind, success, statements_applied FROM lockstep.lockstep_history "
                + "WHERE version = '7' ORDER BY id")).containsExactly(List.of("versioned", "t", "3"),
                List.of("rollback", "f", "1"), List.of("rollback", "t", "3"));

        StatusResult status = m.lockstep(pg.url()).status();
        assertThat(status.migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
        assertThat(status.stoppedRollbacks()).isZero();
        assertThat(m.lockstep(pg.url()).validate().issues()).isEmpty();
        assertThat(m.lockstep(pg.url()).migrate().executed()).extracting(AppliedMigration::version).containsExactly("7");
        assertThat(pg.tableExists("invoices")).isTrue();
    }

    @Test
    void aStoppedRollbackResumesStatementByStatementEvenWhenTheFixedScriptCouldRunInOneTransaction() {
        failHalfWay();
        m.write("U7__billing.sql", "DROP TABLE invoices;\nDROP TABLE refunds;\nDROP TABLE payments;\n");

        MigrateResult done = m.lockstep(pg.url()).rollback(RollbackOptions.steps(2));
        assertThat(done.executed()).extracting(AppliedMigration::version).containsExactly("7", "1");
        assertThat(pg.tableExists("refunds")).isFalse();
        assertThat(pg.tableExists("accounts")).isFalse();
        assertThat(m.lockstep(pg.url()).status().currentVersion()).isNull();
    }

    @Test
    void aResumeIsRefusedWhenTheStatementsThatRanHaveChangedAndNothingRuns() {
        failHalfWay();
        m.write("U7__billing.sql", DOWN.replace("invoices", "invoices CASCADE").formatted("refunds"));

        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESUME_REFUSED);
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("rollback of migration 7").contains("1 of 3 statements ran");
                    assertThat(e.hint()).contains("start the rollback over");
                });
        assertThat(pg.tableExists("refunds")).isTrue();
        assertThat(m.lockstep(pg.url()).status().migrations().get(1).state()).isEqualTo(MigrationState.ROLLBACK_STOPPED);
    }

    @Test
    void aDownScriptFailingAtItsFirstStatementLeavesTheMigrationAppliedAndSaysSo() {
        m.write("U7__billing.sql", "-- lockstep:transaction off\nDROP TABLE nope;\nDROP TABLE refunds;\n");
        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(MigrateFailedException.class, e -> assertThat(e.hint())
                        .contains("no statement of rollback of migration 7 was applied; fix it and run rollback again"));

        MigrationInfo seven = m.lockstep(pg.url()).status().migrations().get(1);
        assertThat(seven.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(seven.note()).contains("rollback failed at").contains("it is still applied");
        assertThat(m.lockstep(pg.url()).validate().issues()).isEmpty();
        assertThat(pg.tableExists("refunds")).isTrue();
    }

    @Test
    void repairOfAStoppedRollbackWarnsThatTheMigrationCountsAsAppliedAgain() {
        failHalfWay();
        RepairResult repaired = m.lockstep(pg.url()).repair();
        assertThat(repaired.warnings()).singleElement().asString().contains("the rollback of 7 stopped at statement 2 of 3")
                .contains("counts as applied");
        assertThat(m.lockstep(pg.url()).status().migrations().get(1).state()).isEqualTo(MigrationState.APPLIED);
    }
}
