package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.spi.RunListener;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What every step of one run shares: its id, who runs it, the clock, the listener, how to wait, the
 * settings, and what the catalog said of the run's tables before it started.
 */
public record RunContext(String runId, String installedBy, String toolVersion, Clock clock, RunListener listener,
                         Sleeper sleeper, RandomGenerator random, LockstepConfig config, TablesInRun tables) {

    public RunContext(String runId, String installedBy, String toolVersion, Clock clock, RunListener listener,
                      Sleeper sleeper, RandomGenerator random, LockstepConfig config) {
        this(runId, installedBy, toolVersion, clock, listener, sleeper, random, config, TablesInRun.UNKNOWN);
    }

    /** A setting of the run's configuration. */
    public <T> T get(Setting<T> setting) {
        return config.get(setting);
    }
}
