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

/** A database built by hand from the first 30 of 50 files: baseline --detect finds 30. */
class BaselineDetectTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        FreshSchema.reset(pg);
        m = new MigrationsDir(root);
        for (int i = 1; i <= 50; i++) {
            m.write("V" + i + "__step_" + i + ".sql", "CREATE TABLE t" + i + " (id int PRIMARY KEY);\n"
                    + (i > 1 ? "ALTER TABLE t" + (i - 1) + " ADD COLUMN c" + i + " text;\n" : "")
                    + (i % 10 == 0 ? "CREATE INDEX t" + i + "_id ON t" + (i - 5) + " (id);\n" : ""));
        }
        lockstep().migrate(MigrateOptions.ALL.withTarget("30"));
        pg.execute("DROP SCHEMA lockstep CASCADE");
    }

    private Lockstep lockstep() {
        return m.lockstep(pg.url(), b -> b.set(Setting.SCRATCH_URL, "postgres://postgres@localhost:" + pg.port()
                + "/postgres").set(Setting.ALLOW_UNSAFE, true));
    }

    @Test
    void findsTheVersionTheFirst30FilesBuildThenBaselinesThere() {
        BaselineDetection d = lockstep().detectBaseline();
        assertThat(d.version()).isEqualTo("30");
        assertThat(d.exact()).isTrue();
        assertThat(d.differences()).isEmpty();
        assertThat(d.files()).isEqualTo(50);
        assertThat(d.probes()).as("a binary search, not a walk").isLessThanOrEqualTo(6);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname LIKE 'lockstep_baseline_%'"))
                .isEqualTo("0");

        lockstep().baseline(d.version(), null);
        StatusResult status = lockstep().status();
        assertThat(status.currentVersion()).isEqualTo("30");
        assertThat(status.pending()).isEqualTo(20);
    }

    @Test
    void somethingMadeByHandIsShownAndTheVersionIsNotExact() {
        pg.execute("CREATE TABLE handmade (id int); ALTER TABLE t3 ALTER COLUMN c4 TYPE varchar(20)");
        BaselineDetection d = lockstep().detectBaseline();
        assertThat(d.exact()).isFalse();
        assertThat(d.differences()).extracting(SchemaDifference::object).contains("table public.handmade");
    }

    @Test
    void aDatabaseWithHistoryOrWithoutSchemaIsRefused() {
        lockstep().baseline("30", null);
        assertThatThrownBy(() -> lockstep().detectBaseline()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
            assertThat(e.getMessage()).contains("its history already has 1 rows");
        });
        FreshSchema.reset(pg);
        assertThatThrownBy(() -> lockstep().detectBaseline()).isInstanceOfSatisfying(LockstepException.class, e ->
                assertThat(e.getMessage()).contains("is empty: there is no schema to detect a version from"));
    }
}
