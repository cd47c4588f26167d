package dev.lockstep.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

/** Start-ups that Lockstep stops: a failing migration, an unsafe one, and the starter turned off. */
class StartupFailureTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @BeforeEach
    void reset() {
        pg.reset();
    }

    private ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + pg.jdbcUrl(), "spring.main.banner-mode=off")
                .properties(properties).run();
    }

    @Test
    void aFailingMigrationStopsStartUpWithLockstepsError() {
        assertThatThrownBy(() -> start("lockstep.locations=classpath:db/failing"))
                .satisfies(t -> assertThat(lockstepError(t)).satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("V3__add_owner.sql:1").contains("42P01");
                    assertThat(e.hint()).contains("fix it");
                }));
        assertThat(pg.tableExists("projects")).as("the migrations before it stay applied").isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'owner_id'"))
                .isEqualTo("0");
    }

    /** The LockstepException among the causes of a failed start-up. */
    private static LockstepException lockstepError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LockstepException e) {
                return e;
            }
        }
        throw new AssertionError("no LockstepException among the causes of " + t, t);
    }

    @Test
    void theFailureReportShowsLockstepsMessageAndHint() {
        LockstepException e = new LockstepException(ErrorCode.MIGRATION_FAILED, "migration 3 failed", "fix it");
        FailureAnalysis analysis = new LockstepFailureAnalyzer().analyze(new IllegalStateException(e));
        assertThat(analysis.getDescription()).contains("migration 3 failed").contains("MIGRATION_FAILED");
        assertThat(analysis.getAction()).isEqualTo("fix it");
    }

    @Test
    void anUnsafeMigrationIsBlockedByTheLintGateUnlessAllowed() {
        assertThatThrownBy(() -> start("lockstep.locations=classpath:db/unsafe"))
                .satisfies(t -> assertThat(lockstepError(t)).satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BLOCKED);
                    assertThat(e.getMessage()).contains("ban-drop-database");
                }));
        assertThat(pg.tableExists("accounts")).as("nothing applied").isFalse();

        assertThatThrownBy(() -> start("lockstep.locations=classpath:db/unsafe", "lockstep.allow-unsafe=true"))
                .satisfies(t -> assertThat(lockstepError(t)).satisfies(e -> {
                    assertThat(e.code()).as("let through, it ran").isEqualTo(ErrorCode.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("legacy");
                }));
        assertThat(pg.tableExists("accounts")).isTrue();
    }

    @Test
    void withLockstepDisabledNothingIsMigrated() {
        try (ConfigurableApplicationContext context = start("lockstep.enabled=false")) {
            assertThat(context.getBeanNamesForType(dev.lockstep.Lockstep.class)).isEmpty();
        }
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void aBadSettingValueStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> start("lockstep.lock-timeout=soon"))
                .satisfies(t -> assertThat(lockstepError(t)).satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("lock-timeout").contains("soon");
                }));
    }
}
