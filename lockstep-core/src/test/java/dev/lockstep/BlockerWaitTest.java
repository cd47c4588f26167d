package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * blocker-wait bounds all waiting for table locks, a lock request is never queued behind a session known
 * to be in the way, and all this works for a role that cannot see other sessions' details.
 */
class BlockerWaitTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    LoginRole app;

    @BeforeEach
    void setUp() {
        pg.reset();
        app = new LoginRole(pg, "app").owningTheDatabase();
        pg.execute("CREATE TABLE busy (id int)");
        pg.execute("ALTER TABLE busy OWNER TO " + app.name);
        m = new MigrationsDir(root).allowingNonEmpty();
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
    }

    private static LockstepConfig.Builder traffic(LockstepConfig.Builder b, Duration blockerWait) {
        return b.set(Setting.BLOCKER_WAIT, blockerWait).set(Setting.CANCEL_BLOCKERS, CancelBlockers.OFF);
    }

    /** A session that read the table and sits in its transaction, as a report job or a forgotten psql does. */
    private static Connection holder(String application) throws Exception {
        Connection c = pg.connect();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET application_name = '" + application + "'");
            st.execute("SELECT count(*) FROM busy");
        }
        return c;
    }

    private static int pidOf(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Watches pg_locks for a lock request on busy that has to wait: that would queue all traffic behind it. */
    private static final class QueueWatcher extends Thread {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger looks = new AtomicInteger();
        volatile boolean sawQueuedRequest;
        volatile Exception failure;

        @Override
        public void run() {
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted "
                            + "AND relation = 'busy'::regclass")) {
                        rs.next();
                        sawQueuedRequest |= rs.getInt(1) > 0;
                    }
                    looks.incrementAndGet();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    @Test
    void aLongTransactionInTheWayMakesTheMigrationGiveUpAfterBlockerWaitWithoutEverQueueing() throws Exception {
        QueueWatcher watcher = new QueueWatcher();
        try (Connection holder = holder("report-job")) {
            int pid = pidOf(holder);
            watcher.start();
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> traffic(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(300))
                    .set(Setting.LOCK_RETRIES, 5), Duration.ofSeconds(1))).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DDL_LOCK_TIMEOUT);
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("gave up at").contains("V1__alter.sql:1:1")
                                .contains("after waiting 1.0s (setting blocker-wait)")
                                .contains("blocked by pid " + pid + " (report-job, idle in transaction")
                                .contains("holds AccessShareLock on busy");
                        assertThat(e.hint()).contains("--blocker-wait");
                    });
            watcher.stop.set(true);
            watcher.join();
            holder.rollback();
        }
        assertThat(watcher.failure).isNull();
        assertThat(watcher.looks.get()).isPositive();
        assertThat(watcher.sawQueuedRequest).as("a lock request queued behind the reader").isFalse();
        assertThat(m.notices).noneMatch(n -> n.contains("lock not available"));
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE NOT success "
                + "AND error_sqlstate = '55P03'")).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                + "AND column_name = 'note'")).isEqualTo("0");
    }

    @Test
    void aRoleThatCannotSeeOtherSessionsStillWaitsForThemWithoutTakingALock() throws Exception {
        QueueWatcher watcher = new QueueWatcher();
        try (Connection holder = holder("report-job")) {
            int pid = pidOf(holder);
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    holder.rollback();
                } catch (Exception ignored) {
                    // the migration then gives up and the assertions below fail
                }
            });
            watcher.start();
            release.start();
            MigrateResult r = m.lockstep(app.url(), b -> traffic(b, Duration.ofSeconds(60))).migrate();
            release.join();
            watcher.stop.set(true);
            watcher.join();
            assertThat(r.executed()).hasSize(1);
            assertThat(m.notices).anyMatch(n -> n.contains("waiting, without taking any lock, for pid " + pid
                    + " (report-job, user postgres, holds AccessShareLock on busy")
                    && n.contains("its query is hidden from this role"));
            assertThat(m.notices).noneMatch(n -> n.contains("insufficient privilege"));
        }
        assertThat(watcher.failure).isNull();
        assertThat(watcher.sawQueuedRequest).as("a lock request queued behind the reader").isFalse();
    }

    @Test
    void forARoleThatCannotSeeOtherSessionsTheReportNamesTheBlockerAndHowLongItWasSeen() throws Exception {
        try (Connection holder = holder("report-job")) {
            int pid = pidOf(holder);
            assertThatThrownBy(() -> m.lockstep(app.url(), b -> traffic(b, Duration.ofMillis(800))).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("blocked by pid " + pid + " (report-job, user postgres, "
                                + "holds AccessShareLock on busy, seen holding it for at least ")
                                .contains("pg_read_all_stats").doesNotContain("insufficient privilege")
                                .doesNotContain("for 0ms");
                    });
            holder.rollback();
        }
    }

    @Test
    void preflightSaysWhichPrivilegeMakesTheBlockerReportsComplete() {
        PreflightReport r = m.lockstep(app.url()).preflight(null);
        PreflightReport.Check privileges = r.checks().stream().filter(c -> c.name().equals("privileges"))
                .findFirst().orElseThrow();
        assertThat(privileges.status()).isEqualTo(PreflightReport.Status.WARN);
        assertThat(privileges.measured()).contains("query and age hidden");
        assertThat(privileges.threshold()).contains("pg_read_all_stats");
        pg.execute("GRANT pg_read_all_stats TO " + app.name);
        try {
            PreflightReport granted = m.lockstep(app.url()).preflight(null);
            assertThat(granted.checks().stream().filter(c -> c.name().equals("privileges")).findFirst().orElseThrow()
                    .status()).isEqualTo(PreflightReport.Status.PASS);
        } finally {
            pg.execute("REVOKE pg_read_all_stats FROM " + app.name);
        }
    }

    @Test
    void aLockTimeoutOfZeroInAFileOrInCodeIsRefusedBeforeAnythingRuns() {
        m.write("V1__alter.sql", "-- lockstep:lock-timeout 0\nALTER TABLE busy ADD COLUMN note text;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("V1__alter.sql").contains("lock-timeout").contains("no limit");
        });
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.LOCK_TIMEOUT, Duration.ZERO)).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG));
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                + "AND column_name = 'note'")).isEqualTo("0");
    }
}
