package dev.lockstep.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.Lockstep;
import dev.lockstep.MigrationState;
import dev.lockstep.testkit.TestPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = TestApp.class, properties = {"management.endpoint.health.probes.enabled=true", "lockstep.lock-timeout=3s",
        "management.endpoints.web.exposure.include=health,lockstep"})
class MigrateAtStartupTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", pg::jdbcUrl);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Lockstep lockstep;
    @Autowired
    HealthEndpoint health;
    @Autowired
    LockstepEndpoint endpoint;

    @Test
    void theMigrationsOfTheClassPathAreAppliedBeforeTheApplicationUsesTheDatabase() {
        assertThat(jdbc.queryForList("SELECT version FROM lockstep.lockstep_history WHERE success ORDER BY id",
                String.class)).containsExactly("1", "2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projects", Integer.class)).isZero();
        assertThat(lockstep.config().get(dev.lockstep.Setting.LOCK_TIMEOUT)).hasSeconds(3);
        assertThat(lockstep.config().get(dev.lockstep.Setting.LOCATIONS)).containsExactly("classpath:db/migration");
    }

    @Test
    void theReadinessGroupIncludesLockstepAndIsUp() {
        var readiness = health.healthForPath("readiness");
        assertThat(readiness).isNotNull();
        assertThat(readiness.getStatus()).isEqualTo(Status.UP);
        var lockstepHealth = (org.springframework.boot.actuate.health.Health) health.healthForPath("lockstep");
        assertThat(lockstepHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(lockstepHealth.getDetails()).containsEntry("current", "2").containsEntry("pending", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEndpointListsTheMigrations() {
        Map<String, Object> doc = endpoint.migrations();
        assertThat(doc).containsEntry("currentVersion", "2").containsEntry("upToDate", true);
        List<dev.lockstep.MigrationInfo> migrations = (List<dev.lockstep.MigrationInfo>) doc.get("migrations");
        assertThat(migrations).extracting(dev.lockstep.MigrationInfo::description)
                .containsExactly("create accounts", "create projects");
        assertThat(migrations).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
    }
}
