package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__a.sql", "CREATE TABLE a (id int);").write("V3__c.sql", "CREATE TABLE c (id int);");
        m.lockstep(pg.url()).migrate();
    }

    @Test
    void aChangedAppliedMigrationFailsValidateAndMigrateWithExit5NamingTheFile() {
        m.write("V1__a.sql", "CREATE TABLE a (id bigint);");
        m.write("V4__d.sql", "CREATE TABLE d (id int);");
        ValidateResult v = m.lockstep(pg.url()).validate();
        assertThat(v.valid()).isFalse();
        assertThat(v.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.CHECKSUM_CHANGED);
            assertThat(i.script()).endsWith("V1__a.sql");
        });
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("V1__a.sql").contains("has changed");
            assertThat(e.hint()).contains("nothing was applied");
        });
        assertThat(pg.tableExists("d")).isFalse();
    }

    @Test
    void whitespaceAndLineEndingEditsAreNotChanges() {
        m.write("V1__a.sql", "CREATE TABLE a (id int);   \r\n\r\n");
        assertThat(m.lockstep(pg.url()).validate().valid()).isTrue();
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneFailsWithExit5() {
        m.delete("V1__a.sql");
        StatusResult status = m.lockstep(pg.url()).status();
        assertThat(status.migrations()).filteredOn(i -> "1".equals(i.version()))
                .singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(MigrationState.MISSING));
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.getMessage()).contains("V1__a.sql").contains("gone");
                });
    }

    @Test
    void anOutOfOrderFileIsRefusedUnlessOutOfOrderIsAllowed() {
        m.write("V2__b.sql", "CREATE TABLE b (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("V2__b.sql").contains("higher version");
            assertThat(e.hint()).contains("--out-of-order");
        });
        assertThat(pg.tableExists("b")).isFalse();
        MigrateResult r = m.lockstep(pg.url(), b -> b.set(Setting.OUT_OF_ORDER, true)).migrate();
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("2");
    }

    @Test
    void repairAcceptsAnIntendedEditAndClearsFailedRows() {
        m.write("V1__a.sql", "-- documented\nCREATE TABLE a (id int);");
        m.write("V4__bad.sql", "SELECT * FROM nope;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        m.delete("V4__bad.sql");
        RepairResult repair = m.lockstep(pg.url()).repair();
        assertThat(repair.realigned()).containsExactly("1");
        assertThat(repair.removedFailures()).isZero();
        assertThat(m.lockstep(pg.url()).validate().valid()).isTrue();

        m.write("V4__bad.sql", "SELECT * FROM nope;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        assertThat(m.lockstep(pg.url()).repair().removedFailures()).isEqualTo(1);
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE NOT success")).isEqualTo("0");
    }

    @Test
    void baselineAdoptsAnExistingDatabaseOnlyOnce() {
        pg.execute("DROP SCHEMA lockstep CASCADE");
        assertThat(m.lockstep(pg.url()).baseline("3", "existing schema")).isEqualTo("3");
        m.write("V4__d.sql", "CREATE TABLE d (id int);");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("4");
        assertThatThrownBy(() -> m.lockstep(pg.url()).baseline("5", null)).isInstanceOfSatisfying(
                LockstepException.class, e -> assertThat(e.getMessage()).contains("already has"));
    }
}
