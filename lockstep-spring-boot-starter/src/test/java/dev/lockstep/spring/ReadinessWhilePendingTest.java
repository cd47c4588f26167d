package dev.lockstep.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.Lockstep;
import dev.lockstep.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Migrations left to a Job: the application starts, and its readiness is down until they are applied. */
@SpringBootTest(classes = TestApp.class, properties = {"management.endpoint.health.probes.enabled=true",
        "lockstep.serve.cache=0s"})
@Import(ReadinessWhilePendingTest.LeaveItToTheJob.class)
class ReadinessWhilePendingTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", pg::jdbcUrl);
    }

    @TestConfiguration
    static class LeaveItToTheJob {
        @Bean
        LockstepMigrationStrategy validateOnly() {
            return lockstep -> { };
        }
    }

    @Autowired
    HealthEndpoint health;
    @Autowired
    Lockstep lockstep;

    @Test
    void readinessIsOutOfServiceWhileMigrationsArePendingAndUpOnceApplied() {
        assertThat(pg.tableExists("accounts")).as("the strategy did not migrate").isFalse();
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        Health lockstepHealth = (Health) health.healthForPath("lockstep");
        assertThat(lockstepHealth.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(lockstepHealth.getDetails()).containsEntry("pending", 2).containsEntry("current", "none")
                .containsEntry("expected", "2");
        assertThat(health.healthForPath("liveness").getStatus()).as("alive all the same").isEqualTo(Status.UP);

        lockstep.migrate(); // as the Job would
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
    }
}
