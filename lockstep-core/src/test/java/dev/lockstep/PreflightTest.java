package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.PreflightReport.Status;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        m.lockstep(pg.url()).migrate();
        m.write("V2__note.sql", "ALTER TABLE accounts ADD COLUMN note text;");
    }

    private static java.util.function.Consumer<LockstepConfig.Builder> settings(Duration longQuery, int percent,
                                                                           String deny, List<String> required,
                                                                           Set<String> present) {
        return b -> b.set(Setting.LONG_QUERY, longQuery).set(Setting.MAX_CONNECTIONS_PERCENT, percent)
                .set(Setting.DENY_WINDOW, deny).set(Setting.REQUIRED_ENV, required).presentVariables(present);
    }

    private PreflightReport run(java.util.function.Consumer<LockstepConfig.Builder> s, Clock clock, String reason) {
        return m.lockstep(pg.url(), b -> s.accept(b.clock(clock).set(Setting.BACKUP_DIR, root.resolve("backups"))))
                .preflight(reason);
    }

    private static Status status(PreflightReport r, String check) {
        return r.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void aHealthyTargetPassesWithAWarningForTheMissingBackup() {
        PreflightReport r = run(b -> { }, Clock.systemUTC(), null);
        assertThat(r.failed()).isFalse();
        assertThat(r.checks()).extracting(PreflightReport.Check::name).containsExactly("target", "privileges", "history",
                "files", "long queries", "connections", "replication lag", "database size", "recent backup",
                "deploy window", "environment variables");
        assertThat(status(r, "recent backup")).isEqualTo(Status.WARN);
        assertThat(r.checks().get(0).measured()).contains("PostgreSQL " + pg.serverVersion() + ".");
        assertThat(r.checks().get(3).measured()).startsWith("1 pending");
    }

    @Test
    void aLongIdleTransactionFailsWhenItHoldsATableTheMigrationsTouch() throws Exception {
        var s = settings(Duration.ofMillis(100), 80, null, List.of(), Set.of());
        pg.execute("CREATE TABLE elsewhere (id int)");
        try (Connection holder = pg.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("SELECT * FROM elsewhere");
            Thread.sleep(300);
            assertThat(status(run(s, Clock.systemUTC(), null), "long queries")).isEqualTo(Status.WARN);
            holder.createStatement().execute("SELECT * FROM accounts");
            PreflightReport r = run(s, Clock.systemUTC(), null);
            assertThat(status(r, "long queries")).isEqualTo(Status.FAIL);
            assertThat(r.failed()).isTrue();
            holder.rollback();
        }
    }

    @Test
    void failedHistoryAndTooManyConnectionsFail() throws Exception {
        m.write("V3__bad.sql", "SELECT * FROM nope;");
        try {
            m.lockstep(pg.url()).migrate();
        } catch (RuntimeException expected) {
            // the failed run is what the check must see
        }
        try (Connection a = pg.connect(); Connection b = pg.connect(); Connection c = pg.connect()) {
            PreflightReport r = run(settings(Duration.ofSeconds(30), 1, null, List.of(), Set.of()), Clock.systemUTC(),
                    null);
            assertThat(status(r, "history")).isEqualTo(Status.FAIL);
            assertThat(status(r, "connections")).isEqualTo(Status.FAIL);
            assertThat(a.isValid(1) && b.isValid(1) && c.isValid(1)).isTrue();
        }
    }

    @Test
    void theDeployWindowUsesTheConfiguredZoneAndAReasonOverridesIt() {
        var s = settings(Duration.ofSeconds(30), 80, "09:00-18:00", List.of(), Set.of());
        Clock mondayMorning = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneId.of("UTC"));
        Clock saturday = Clock.fixed(Instant.parse("2026-11-28T10:15:00Z"), ZoneId.of("UTC"));
        Clock mondayNight = Clock.fixed(Instant.parse("2026-11-23T19:00:00Z"), ZoneId.of("UTC"));
        assertThat(status(run(s, mondayMorning, null), "deploy window")).isEqualTo(Status.FAIL);
        assertThat(status(run(s, mondayMorning, "hotfix for INC-42"), "deploy window")).isEqualTo(Status.WARN);
        assertThat(status(run(s, saturday, null), "deploy window")).isEqualTo(Status.PASS);
        assertThat(status(run(s, mondayNight, null), "deploy window")).isEqualTo(Status.PASS);
    }

    @Test
    void missingRequiredVariablesAreNamedAndValuesNeverShown() {
        var s = settings(Duration.ofSeconds(30), 80, null, List.of("STRIPE_SECRET_KEY", "SENTRY_DSN"),
                Set.of("SENTRY_DSN"));
        PreflightReport r = run(s, Clock.systemUTC(), null);
        PreflightReport.Check env = r.checks().get(r.checks().size() - 1);
        assertThat(env.status()).isEqualTo(Status.FAIL);
        assertThat(env.measured()).isEqualTo("missing: STRIPE_SECRET_KEY");
    }
}
