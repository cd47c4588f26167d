package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__a.sql", "CREATE TABLE a (id int, b int);").write("V2__b.sql", "CREATE TABLE b (id int);");
    }

    @Test
    void pendingMigrationsMakeItNotReadyAndApplyingThemMakesItReady() {
        Readiness before = m.lockstep(pg.url()).readiness();
        assertThat(before.ok()).isFalse();
        assertThat(before.database().ok()).isTrue();
        assertThat(before.database().detail()).contains(pg.database()).doesNotContain("password");
        assertThat(before.database().lockWaits()).isZero();
        assertThat(before.migrations()).satisfies(mi -> {
            assertThat(mi.ok()).isFalse();
            assertThat(mi.current()).isNull();
            assertThat(mi.expected()).isEqualTo("2");
            assertThat(mi.pending()).isEqualTo(2);
        });
        assertThat(before.history().rows()).isZero();

        m.lockstep(pg.url()).migrate();
        Readiness after = m.lockstep(pg.url()).readiness();
        assertThat(after.ok()).isTrue();
        assertThat(after.migrations()).satisfies(mi -> {
            assertThat(mi.current()).isEqualTo("2");
            assertThat(mi.expected()).isEqualTo("2");
            assertThat(mi.pending() + mi.failed() + mi.partial() + mi.checksumMismatch()).isZero();
        });
        assertThat(after.history().rows()).isEqualTo(2);
        assertThat(after.history().lastRunOk()).isTrue();
        assertThat(after.history().lastRunVersion()).isEqualTo("2");
        assertThat(after.history().lastRunAt()).isNotNull();
    }

    @Test
    void aFailedMigrationIsCountedAsFailed() {
        m.write("V3__bad.sql", "ALTER TABLE nope ADD COLUMN x int;");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        Readiness r = m.lockstep(pg.url()).readiness();
        assertThat(r.ok()).isFalse();
        assertThat(r.migrations().failed()).isEqualTo(1);
        assertThat(r.migrations().current()).isEqualTo("2");
        assertThat(r.migrations().expected()).isEqualTo("3");
        assertThat(r.history().lastRunOk()).isFalse();
        assertThat(r.history().lastRunVersion()).isEqualTo("3");
    }

    @Test
    void aPartlyAppliedMigrationIsCountedAsPartial() {
        m.write("V3__indexes.sql", "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"
                + "CREATE INDEX CONCURRENTLY nope_id ON nope (id);\n");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOf(LockstepException.class);
        Readiness r = m.lockstep(pg.url()).readiness();
        assertThat(r.ok()).isFalse();
        assertThat(r.migrations().partial()).isEqualTo(1);
        assertThat(r.migrations().failed()).isZero();
    }

    @Test
    void aChangedAppliedFileIsACheckSumMismatchAndAMissingOneIsAllowed() {
        m.lockstep(pg.url()).migrate();
        m.write("V1__a.sql", "CREATE TABLE a (id bigint, b int);");
        Readiness changed = m.lockstep(pg.url()).readiness();
        assertThat(changed.ok()).isFalse();
        assertThat(changed.migrations().checksumMismatch()).isEqualTo(1);

        m.write("V1__a.sql", "CREATE TABLE a (id int, b int);");
        m.delete("V2__b.sql");
        Readiness older = m.lockstep(pg.url()).readiness();
        assertThat(older.ok()).as("a database ahead of the files").isTrue();
        assertThat(older.migrations().missing()).isEqualTo(1);
        assertThat(older.migrations().current()).isEqualTo("2");
        assertThat(older.migrations().expected()).isEqualTo("1");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutThrowing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Readiness r = m.lockstep("postgres://app:secret@localhost:" + port + "/app").readiness();
        assertThat(r.ok()).isFalse();
        assertThat(r.database().ok()).isFalse();
        assertThat(r.database().detail()).contains(String.valueOf(port)).doesNotContain("secret");
        assertThat(r.migrations().ok()).isFalse();
        assertThat(r.migrations().detail()).contains("database is unreachable");
        assertThat(r.migrations().expected()).isEqualTo("2");
    }

    @Test
    void unreadableFilesAreReportedAsTheMigrationsCheck() {
        m.write("V2__dup.sql", "SELECT 1;");
        Readiness r = m.lockstep(pg.url()).readiness();
        assertThat(r.ok()).isFalse();
        assertThat(r.database().ok()).isTrue();
        assertThat(r.migrations().detail()).contains("V2__b.sql").contains("V2__dup.sql");
    }

    @Test
    void theProbeReusesAnAnswerForTheCacheIntervalThenReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        Lockstep lockstep = m.lockstep(pg.url());
        ReadinessProbe probe = new ReadinessProbe(() -> {
            reads.incrementAndGet();
            return lockstep.readiness();
        }, Duration.ofSeconds(5), clock);
        assertThat(probe.get().ok()).isFalse();
        lockstep.migrate();
        now.set(now.get().plusSeconds(4));
        assertThat(probe.get().ok()).as("still the cached answer").isFalse();
        assertThat(reads).hasValue(1);
        now.set(now.get().plusSeconds(2));
        assertThat(probe.get().ok()).as("expired: still answered at once, checked again behind it").isFalse();
        while (!probe.get().ok()) {
            Thread.onSpinWait();
        }
        assertThat(reads).hasValue(2);
        assertThat(probe.get().ok()).isTrue();
        assertThat(reads).as("fresh again for the interval").hasValue(2);
    }

    @Test
    void aZeroIntervalChecksEveryTime() {
        AtomicInteger reads = new AtomicInteger();
        Lockstep lockstep = m.lockstep(pg.url());
        ReadinessProbe probe = new ReadinessProbe(() -> {
            reads.incrementAndGet();
            return lockstep.readiness();
        }, Duration.ZERO, Clock.systemUTC());
        assertThat(probe.get().ok()).isFalse();
        lockstep.migrate();
        assertThat(probe.get().ok()).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void theFacadesProbeTakesItsIntervalFromTheServeCacheSetting() {
        ReadinessProbe probe = Lockstep.configure().url(pg.url()).dir(m.dir).set("serve.cache", "250ms").build()
                .readinessProbe();
        assertThat(probe.maxAge()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Lockstep.configure().set("serve.port", "70000").build())
                .isInstanceOf(LockstepException.class).hasMessageContaining("serve.port")
                .hasMessageContaining("0 to 65535");
    }
}
