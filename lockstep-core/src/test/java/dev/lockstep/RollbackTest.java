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

class RollbackTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("0001_a.up.sql", "CREATE TABLE a (id int);").write("0001_a.down.sql", "DROP TABLE a;")
                .write("0002_b.up.sql", "CREATE TABLE b (id int);").write("0002_b.down.sql", "DROP TABLE b;")
                .write("0003_c.up.sql", "CREATE TABLE c (id int);").write("0003_c.down.sql", "DROP TABLE c;");
        m.lockstep(pg.url()).migrate();
    }

    @Test
    void rollsBackOneStepByDefaultAndCanMigrateAgain() {
        MigrateResult r = m.lockstep(pg.url()).rollback(RollbackOptions.steps(1));
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("0003");
        assertThat(r.executed().get(0).direction()).isEqualTo("down");
        assertThat(r.versionAfter()).isEqualTo("0002");
        assertThat(pg.tableExists("c")).isFalse();
        assertThat(m.lockstep(pg.url()).status().pending()).isEqualTo(1);
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(1);
        assertThat(pg.tableExists("c")).isTrue();
    }

    @Test
    void rollsBackToAVersionWhichStaysApplied() {
        MigrateResult r = m.lockstep(pg.url()).rollback(RollbackOptions.to("1"));
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("0003", "0002");
        assertThat(pg.tableExists("a")).isTrue();
        assertThat(pg.tableExists("b")).isFalse();
    }

    @Test
    void dryRunShowsTheDownScriptsAndChangesNothing() {
        MigrateResult r = m.lockstep(pg.url()).rollback(RollbackOptions.steps(2).asDryRun());
        assertThat(r.plan()).extracting(PlannedMigration::script).allMatch(s -> s.endsWith(".down.sql"));
        assertThat(r.plan().get(0).statements().get(0).sql()).isEqualTo("DROP TABLE c");
        assertThat(pg.tableExists("c")).isTrue();
    }

    @Test
    void refusesNamingTheMigrationsWithoutDownScriptsAndRollsBackNothing() {
        m.delete("0002_b.down.sql");
        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(3)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("0002_b.up.sql").contains("no down script");
                });
        assertThat(pg.tableExists("c")).isTrue();
    }

    @Test
    void aDownScriptWithoutAStatementIsRefusedByRollbackItsDryRunAndValidate() {
        m.write("0003_c.down.sql", "-- Undo c: write the statements that reverse the up script.\n");
        for (boolean dryRun : new boolean[] {false, true}) {
            assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(new RollbackOptions(1, null, dryRun)))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK_UNAVAILABLE);
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.getMessage()).contains("down script of 0003 is empty ("
                                + root.resolve("migrations/0003_c.down.sql") + "): write it, or delete it to make 0003 "
                                + "irreversible");
                    });
        }
        assertThat(pg.tableExists("c")).isTrue();
        assertThat(m.lockstep(pg.url()).status().currentVersion()).isEqualTo("0003");
        ValidateResult v = m.lockstep(pg.url()).validate();
        assertThat(v.valid()).isFalse();
        assertThat(v.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.EMPTY_DOWN_SCRIPT);
            assertThat(i.version()).isEqualTo("0003");
        });

        m.write("0003_c.down.sql", "");
        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("down script of 0003 is empty"));
        m.delete("0003_c.down.sql");
        assertThatThrownBy(() -> m.lockstep(pg.url()).rollback(RollbackOptions.steps(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("has no down script"));
        assertThat(m.lockstep(pg.url()).validate().valid()).isTrue();
    }

    @Test
    void aRolledBackMigrationReadsAsRolledBackNotAsInstalled() {
        m.lockstep(pg.url()).rollback(RollbackOptions.steps(1));
        MigrationInfo c = m.lockstep(pg.url()).status().migrations().get(2);
        assertThat(c.state()).isEqualTo(MigrationState.PENDING);
        assertThat(c.installedOn()).isNull();
        assertThat(c.durationMs()).isNull();
        assertThat(c.note()).matches("rolled back at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        MigrationInfo b = m.lockstep(pg.url()).status().migrations().get(1);
        assertThat(b.installedOn()).isNotNull();
        assertThat(b.note()).isNull();
    }

    @Test
    void theDurationsARunPrintsAreTheOnesTheHistoryKeeps() {
        m.write("0004_d.up.sql", "CREATE TABLE d (id int);\nSELECT pg_sleep(0.05);")
                .write("0005_e.up.sql", "CREATE INDEX CONCURRENTLY d_id ON d (id);");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).hasSize(2);
        StatusResult s = m.lockstep(pg.url()).status();
        for (AppliedMigration a : r.executed()) {
            MigrationInfo line = s.migrations().stream().filter(i -> a.version().equals(i.version())).findFirst()
                    .orElseThrow();
            assertThat(line.durationMs()).as("migration " + a.version()).isEqualTo(a.durationMs());
        }
    }
}
