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

class BackfillTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        pg.execute("CREATE TABLE tasks (id bigint PRIMARY KEY, priority int, touched int NOT NULL DEFAULT 0)");
        pg.execute("INSERT INTO tasks (id) SELECT g FROM generate_series(1, 10000) g");
        pg.execute("UPDATE tasks SET priority = 9 WHERE id % 10 = 0");
        m = new MigrationsDir(root).allowingNonEmpty();
        m.write("V1__backfill.sql", "-- lockstep:batch size=1000\n"
                + "UPDATE tasks SET priority = 2, touched = touched + 1 WHERE priority IS NULL;");
    }

    @Test
    void runsTheUpdateInKeysetBatchesWithProgress() {
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
        assertThat(pg.query("SELECT priority, touched, count(*) FROM tasks GROUP BY 1, 2 ORDER BY 1"))
                .containsExactly(List.of("2", "1", "9000"), List.of("9", "0", "1000"));
        assertThat(pg.query("SELECT success, rows_done, batch_position FROM lockstep.lockstep_history"))
                .containsExactly(List.of("t", "9000", "9999"));
        assertThat(m.notices).anyMatch(n -> n.contains("backfill of tasks: 9000 rows in ") && n.endsWith("rows/s), done"));
    }

    @Test
    void aBackfillInterruptedHalfwayResumesWithoutRedoingOrMissingRows() {
        pg.execute("CREATE FUNCTION stop_at_5555() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.id = 5555 THEN RAISE EXCEPTION 'interrupted at %', NEW.id; END IF; RETURN NEW; END $$");
        pg.execute("CREATE TRIGGER stop BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION stop_at_5555()");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
            assertThat(e.getMessage()).contains("interrupted at 5555");
            assertThat(e.hint()).contains("resumes after the last key");
        });
        // Four batches of 1,000 (ids up to 4,444, skipping every tenth) were committed and recorded; the fifth failed.
        assertThat(pg.queryValue("SELECT count(*) FROM tasks WHERE touched = 1")).isEqualTo("4000");
        assertThat(pg.queryValue("SELECT rows_done FROM lockstep.lockstep_history")).isEqualTo("4000");
        assertThat(m.lockstep(pg.url()).status().migrations().get(0).state()).isEqualTo(MigrationState.PARTIALLY_APPLIED);

        pg.execute("DROP TRIGGER stop ON tasks");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).singleElement().satisfies(a -> assertThat(a.direction()).isEqualTo("resume"));
        assertThat(pg.query("SELECT touched, count(*) FROM tasks WHERE priority = 2 GROUP BY 1"))
                .containsExactly(List.of("1", "9000"));
        assertThat(m.notices).anyMatch(n -> n.contains("resuming the backfill of tasks after id = 4444"));
        assertThat(pg.queryValue("SELECT rows_done FROM lockstep.lockstep_history WHERE success")).isEqualTo("9000");
    }

    @Test
    void aBatchFileMustHoldOneUpdateWithAWhereOnATableWithAPrimaryKey() {
        m.write("V1__backfill.sql", "-- lockstep:batch size=100\nUPDATE tasks SET priority = 1;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("has no WHERE"));
        pg.execute("CREATE TABLE nokey (v int)");
        m.write("V1__backfill.sql", "-- lockstep:batch size=100\nUPDATE nokey SET v = 1 WHERE v IS NULL;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("has none"));
        m.write("V1__backfill.sql", "-- lockstep:batch size=100\nUPDATE tasks SET priority = 1 WHERE id < 5;\nSELECT 1;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("exactly one UPDATE"));
        assertThat(pg.queryValue("SELECT count(*) FROM tasks WHERE priority = 1")).isEqualTo("0");
    }
}
