package dev.lockstep.spring;

import dev.lockstep.Readiness;
import dev.lockstep.ReadinessProbe;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The schema's readiness: UP when every migration is applied, OUT_OF_SERVICE while one is pending, failed,
 * partly applied or changed, DOWN when the database does not answer. Answers are reused for
 * {@code lockstep.serve.cache} (5s), so frequent probes cost nothing.
 */
public class LockstepHealthIndicator implements HealthIndicator {
    private final ReadinessProbe probe;

    public LockstepHealthIndicator(ReadinessProbe probe) {
        this.probe = probe;
    }

    @Override
    public Health health() {
        Readiness r = probe.get();
        Readiness.Migrations m = r.migrations();
        Health.Builder h = r.ok() ? Health.up() : r.database().ok() ? Health.outOfService() : Health.down();
        h.withDetail("database", r.database().detail());
        h.withDetail("current", m.current() == null ? "none" : m.current());
        h.withDetail("expected", m.expected() == null ? "none" : m.expected());
        h.withDetail("pending", m.pending()).withDetail("failed", m.failed()).withDetail("partial", m.partial())
                .withDetail("checksumMismatch", m.checksumMismatch()).withDetail("missing", m.missing());
        if (m.detail() != null) {
            h.withDetail("error", m.detail());
        }
        return h.build();
    }
}
