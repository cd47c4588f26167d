package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migrations against tables that live sessions are using: real concurrent sessions, real locks. */
class LiveTrafficTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        pg.execute("CREATE TABLE busy (id int)");
        m = new MigrationsDir(root).allowingNonEmpty();
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
    }

    private static LockstepConfig.Builder traffic(LockstepConfig.Builder b, Duration wait, CancelBlockers cancel,
                                                  Duration ddlTimeout) {
        return b.set(Setting.BLOCKER_WAIT, wait).set(Setting.CANCEL_BLOCKERS, cancel)
                .set(Setting.DDL_STATEMENT_TIMEOUT, ddlTimeout);
    }

    private static int pidOf(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits (up to a minute) until the migration has said this: the holders let go once it has met them. */
    private void awaitNotice(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && m.notices.stream().noneMatch(n -> n.contains(text))) {
            Thread.sleep(20);
        }
    }

    @Test
    void waitsWithoutTakingALockWhileALongTransactionUsesTheTableThenMigrates() throws Exception {
        try (Connection holder = pg.connect()) {
            int pid = pidOf(holder);
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT count(*) FROM busy");
            Thread.sleep(300); // a reader that has been at it for a while, not traffic passing through
            Thread release = new Thread(() -> {
                try {
                    awaitNotice("waiting, without taking any lock, for pid " + pid);
                    holder.rollback();
                } catch (Exception ignored) {
                    // the migration below then never sees the table free and the test fails
                }
            });
            release.start();
            MigrateResult r = m.lockstep(pg.url()).migrate();
            release.join();
            assertThat(r.executed()).hasSize(1);
            assertThat(m.notices).anyMatch(n -> n.contains("waiting, without taking any lock, for pid " + pid)
                    && n.contains("idle in transaction") && n.contains("AccessShareLock"));
            assertThat(m.notices).noneMatch(n -> n.contains("lock not available"));
        }
    }

    @Test
    void aLockTheGuardCannotSeeIsRetriedWithBackoffUntilItIsFree() throws Exception {
        // The table is named only inside the DO block's string, so the guard cannot wait for the holder
        // beforehand: the lock request itself times out and is retried.
        m.write("V1__alter.sql", "DO $$ BEGIN EXECUTE 'ALTER TABLE busy ADD COLUMN note text'; END $$;");
        try (Connection holder = pg.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            Thread release = new Thread(() -> {
                try {
                    awaitNotice("lock not available within 100ms at");
                    holder.commit();
                } catch (Exception ignored) {
                    // see above
                }
            });
            release.start();
            MigrateResult r = m.lockstep(pg.url(), b -> traffic(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(100))
                    .set(Setting.LOCK_RETRIES, 20), Duration.ofSeconds(30), CancelBlockers.OFF, Duration.ofSeconds(60)))
                    .migrate();
            release.join();
            assertThat(r.executed()).hasSize(1);
            assertThat(m.notices).anyMatch(n -> n.contains("lock not available within 100ms at")
                    && n.contains("V1__alter.sql:1:1"));
            assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                    + "AND column_name = 'note'")).isEqualTo("1");
        }
    }

    @Test
    void aSessionThatNeverCommitsFailsWithExit4NamingIt() throws Exception {
        try (Connection holder = pg.connect()) {
            int pid = pidOf(holder);
            holder.setAutoCommit(false);
            holder.createStatement().execute("SET application_name = 'report-job'");
            holder.createStatement().execute("SELECT * FROM busy");
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> traffic(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(50))
                    .set(Setting.LOCK_RETRIES, 2), Duration.ofMillis(300), CancelBlockers.OFF, Duration.ofSeconds(60)))
                    .migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.code()).isEqualTo(ErrorCode.DDL_LOCK_TIMEOUT);
                        assertThat(e.getMessage()).contains("blocked by pid " + pid + " (report-job, idle in transaction")
                                .contains("holds AccessShareLock").contains("SELECT * FROM busy");
                        assertThat(e.hint()).contains("--cancel-blockers");
                    });
            holder.rollback();
        }
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                + "AND column_name = 'note'")).isEqualTo("0");
    }

    @Test
    void cancelBlockersEndsAnIdleInTransactionSessionAndMigrates() throws Exception {
        try (Connection holder = pg.connect()) {
            int pid = pidOf(holder);
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM busy");
            Thread.sleep(300);
            MigrateResult r = m.lockstep(pg.url(), b -> traffic(b, Duration.ofSeconds(10),
                    CancelBlockers.IDLE_IN_TRANSACTION, Duration.ofSeconds(60))).migrate();
            assertThat(r.executed()).hasSize(1);
            assertThat(m.notices).anyMatch(n -> n.contains("pg_terminate_backend(" + pid + ") -> true"));
            assertThat(pg.queryValue("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)).isEqualTo("0");
        }
    }

    @Test
    void theMonitorReportsSessionsWaitingBehindTheMigration() throws Exception {
        m.write("V1__alter.sql", "-- lockstep:ignore strong-lock-then-more-work the wait is what is tested\n"
                + "ALTER TABLE busy ADD COLUMN note text;\nSELECT pg_sleep(2.5);");
        java.util.List<String> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (Connection c = pg.connect()) {
                // Queue behind the migration once it holds the table (not after a guessed delay: on a
                // loaded machine the migration may not have started yet).
                long deadline = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < deadline && pg.query("SELECT 1 FROM pg_stat_activity WHERE "
                        + "datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND state = 'active'").isEmpty()) {
                    Thread.sleep(20);
                }
                c.createStatement().execute("SELECT count(*) FROM busy");
            } catch (Exception ignored) {
                // the assertions below fail if the reader never waited
            }
        });
        reader.start();
        Lockstep lockstep = m.lockstep(pg.url()).withListener(new dev.lockstep.spi.RunListener() {
            @Override
            public void lockWaits(dev.lockstep.spi.MigrationEvent migration, int sessions, Duration longest) {
                waits.add(sessions + " " + longest.toMillis());
            }
        });
        MigrateResult r = lockstep.migrate();
        reader.join();
        assertThat(waits).isNotEmpty().allMatch(w -> w.startsWith("1 "));
        assertThat(r.executed().get(0).maxSessionsWaiting()).isEqualTo(1);
        assertThat(r.executed().get(0).longestWaitMs()).isPositive();
    }

    @Test
    void aStatementHoldingAWriteBlockingLockStopsAtTheDdlStatementTimeout() {
        pg.execute("INSERT INTO busy SELECT g FROM generate_series(1, 400000) g");
        m.write("V1__alter.sql", "-- lockstep:ignore require-concurrent-index the timeout is what is tested\n"
                + "CREATE INDEX busy_id ON busy (id);");
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> traffic(b, Duration.ofSeconds(10),
                CancelBlockers.OFF, Duration.ofMillis(20))).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("57014");
                });
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'busy_id'")).isEqualTo("0");
    }
}
