package dev.lockstep.internal.watch;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import java.time.Duration;

/** The limits of the {@code [watch]} section, null where none is set. */
record Thresholds(Double maxRollbackRate, Integer maxDeadlocks, Integer maxLockWaiters, Double maxReplicationLagSeconds,
                  Double maxLatencyRegression, int topStatements, int minCalls, int breachSamples) {

    static Thresholds of(LockstepConfig config) {
        Duration lag = config.get(Setting.WATCH_MAX_REPLICATION_LAG);
        return new Thresholds(config.get(Setting.WATCH_MAX_ROLLBACK_RATE), config.get(Setting.WATCH_MAX_DEADLOCKS),
                config.get(Setting.WATCH_MAX_LOCK_WAITERS), lag == null ? null : lag.toMillis() / 1000.0,
                config.get(Setting.WATCH_MAX_LATENCY_REGRESSION), config.get(Setting.WATCH_TOP_STATEMENTS),
                config.get(Setting.WATCH_MIN_CALLS), Math.max(1, config.get(Setting.WATCH_BREACH_SAMPLES)));
    }

    boolean any() {
        return maxRollbackRate != null || maxDeadlocks != null || maxLockWaiters != null
                || maxReplicationLagSeconds != null || maxLatencyRegression != null;
    }
}
