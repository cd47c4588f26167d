package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A backfill's progress line never claims more than it knows, however stale the table's statistics. */
class BackfillProgressTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();
    private static final Backfill.Parts PARTS = new Backfill.Parts("tasks", "priority = 2", "priority IS NULL");
    private static final long TWO_SECONDS = 2_000_000_000L;

    /** A table filled after its statistics were taken: the planner believes it holds a thousand rows. */
    @BeforeAll
    static void staleTable() {
        pg.execute("CREATE TABLE tasks (id bigint PRIMARY KEY, priority int)");
        pg.execute("CREATE TABLE notes (id uuid PRIMARY KEY, priority int)");
        pg.execute("INSERT INTO tasks SELECT g, CASE WHEN g % 1000 = 0 THEN 1 END FROM generate_series(1, 1000) g");
        pg.execute("ANALYZE tasks");
        pg.execute("INSERT INTO tasks (id) SELECT g FROM generate_series(1001, 300000) g");
        pg.execute("INSERT INTO notes SELECT gen_random_uuid() FROM generate_series(1, 100)");
    }

    @Test
    void aTableSmallEnoughToCountHasAnExactTotalWithRateAndEta() throws Exception {
        try (Connection c = pg.connect()) {
            BackfillProgress p = BackfillProgress.start(c, PARTS, "id", "migration 6", null, "bigint");
            assertThat(p.line(120_000, "120000", TWO_SECONDS))
                    .isEqualTo("migration 6: backfill of tasks: 120000 of 299999 rows (40%), 60000 rows/s, ETA 3.0s");
        }
    }

    @Test
    void aLargerTableIsMeasuredByTheKeyRangeWalkedAndSaysAbout() throws Exception {
        try (Connection c = pg.connect()) {
            BackfillProgress p = BackfillProgress.start(c, PARTS, "id", "migration 6", null, "bigint", 0);
            assertThat(p.line(120_000, "120000", TWO_SECONDS))
                    .isEqualTo("migration 6: backfill of tasks: 120000 of about 300000 rows (40%), 60000 rows/s, ETA 3.0s");
            assertThat(p.line(299_000, "299999", TWO_SECONDS)).contains("(99%)");
        }
    }

    @Test
    void aLargerTableWithoutAnIntegerKeyGetsRowsAndRateOnly() throws Exception {
        try (Connection c = pg.connect()) {
            Backfill.Parts notes = new Backfill.Parts("notes", "priority = 2", "priority IS NULL");
            BackfillProgress p = BackfillProgress.start(c, notes, "id", "migration 7", null, "uuid", 0);
            assertThat(p.line(40, "7f000000-0000-0000-0000-000000000000", TWO_SECONDS))
                    .isEqualTo("migration 7: backfill of notes: 40 rows so far, 20 rows/s");
        }
    }

    @Test
    void moreRowsDoneThanCountedSaysSoFarInsteadOfPassing100Percent() throws Exception {
        try (Connection c = pg.connect()) {
            BackfillProgress p = BackfillProgress.start(c, PARTS, "id", "migration 6", null, "bigint");
            assertThat(p.line(400_000, "400000", TWO_SECONDS))
                    .isEqualTo("migration 6: backfill of tasks: 400000 rows so far, 200000 rows/s");
            assertThat(p.done(400_000, TWO_SECONDS))
                    .isEqualTo("migration 6: backfill of tasks: 400000 rows in 2.0s (200000 rows/s), done");
        }
    }

    @Test
    void aResumedBackfillCountsOnlyTheRowsAheadOfItsKey() throws Exception {
        try (Connection c = pg.connect()) {
            BackfillProgress p = BackfillProgress.start(c, PARTS, "id", "migration 6", "150000", "bigint");
            assertThat(p.line(50_000, "200000", TWO_SECONDS)).contains("50000 of 150000 rows (33%)");
        }
    }
}
