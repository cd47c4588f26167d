package dev.lockstep.internal.execute;

import dev.lockstep.spi.RunListener;
import java.time.Clock;
import java.util.random.RandomGenerator;

/** What every step of one run shares: its id, who runs it, the clock, the listener, how to wait. */
public record RunContext(String runId, String installedBy, String toolVersion, Clock clock, RunListener listener,
                         Sleeper sleeper, RandomGenerator random, int lockRetries,
                         dev.lockstep.TrafficSettings traffic) {
}
