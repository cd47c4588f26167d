package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * blocker-wait is a bound on the whole wait for table locks. Waits are measured on an injected clock that
 * a sleep moves on without sleeping, so a 30-second budget is checked without waiting 30 seconds.
 */
class BlockerWaitBoundTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path dir;
    final List<String> notices = new CopyOnWriteArrayList<>();

    /** Sleeps no real time: moves its own clock on instead, on top of the real one. */
    static final class SkippingTime implements Sleeper {
        volatile long sleptMillis;

        @Override
        public void sleep(long millis) {
            sleptMillis += millis;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime() + sleptMillis * 1_000_000;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        pg.execute("CREATE TABLE busy (id int)");
        Files.writeString(dir.resolve("V1__alter.sql"), "ALTER TABLE busy ADD COLUMN note text;");
    }

    private Migrator migrator(Duration blockerWait, Duration lockTimeout, int retries, Sleeper time) {
        LockstepConfig config = LockstepConfig.builder().set(Setting.URL, pg.url()).set(Setting.DIR, dir)
                .installedBy("tester").set(Setting.ALLOW_NON_EMPTY, true).set(Setting.LOCK_TIMEOUT, lockTimeout)
                .set(Setting.LOCK_RETRIES, retries).set(Setting.BLOCKER_WAIT, blockerWait).build();
        RunListener listener = new RunListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
        return new Migrator(config, listener, time, "test");
    }

    private static Connection holder() throws Exception {
        Connection c = pg.connect();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT count(*) FROM busy");
        }
        return c;
    }

    @Test
    void aSessionThatStaysInTheWayIsWaitedForTheWholeBlockerWaitAndNoLonger() throws Exception {
        SkippingTime time = new SkippingTime();
        try (Connection holder = holder()) {
            assertThatThrownBy(() -> migrator(Duration.ofSeconds(30), Duration.ofSeconds(1), 5, time).migrate(MigrateOptions.ALL))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DDL_LOCK_TIMEOUT);
                        assertThat(e.getMessage()).contains("after waiting 30.0s (setting blocker-wait)");
                    });
            holder.rollback();
        }
        // Every pause is cut to what is left, and real time spent looking counts too: never past the budget.
        assertThat(time.sleptMillis).isBetween(10_000L, 30_000L);
        assertThat(notices).noneMatch(n -> n.contains("lock not available"));
        assertThat(notices).anyMatch(n -> n.contains("still waiting for 1 session(s)") && n.contains("up to 30.0s"));
    }

    @Test
    void lockTimeoutsAndPausesBetweenRetriesAreCutToWhatIsLeftOfBlockerWait() throws Exception {
        // The table is only named inside the DO block's string: the guard cannot see who is in the way,
        // so each attempt queues for its lock_timeout, and the retries spend the budget.
        Files.writeString(dir.resolve("V1__alter.sql"), "DO $$ BEGIN EXECUTE 'ALTER TABLE busy ADD COLUMN note text'; END $$;");
        SkippingTime time = new SkippingTime();
        try (Connection holder = holder()) {
            assertThatThrownBy(() -> migrator(Duration.ofMillis(2500), Duration.ofSeconds(1), 50, time).migrate(MigrateOptions.ALL))
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(4));
            holder.rollback();
        }
        Pattern retry = Pattern.compile("lock not available within ([0-9.]+)(ms|s) at .*; retry (\\d+)/50 in (\\d+)ms");
        long spent = 0;
        int retries = 0;
        for (String n : notices) {
            Matcher matcher = retry.matcher(n);
            if (matcher.find()) {
                double amount = Double.parseDouble(matcher.group(1));
                spent += Math.round(matcher.group(2).equals("s") ? amount * 1000 : amount) + Long.parseLong(matcher.group(4));
                retries++;
            }
        }
        assertThat(retries).as("retries before blocker-wait ran out").isBetween(1, 10);
        assertThat(spent).as("lock timeouts and pauses of the retried attempts").isLessThanOrEqualTo(2500);
        assertThat(notices).anyMatch(n -> n.contains("lock not available within 1.0s"));
    }
}
