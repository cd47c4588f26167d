package dev.lockstep.internal.execute;

import java.time.Duration;

/**
 * How long a migration may still wait for its table locks, in all ({@code blocker-wait}): waiting for
 * sessions in the way, each lock request's {@code lock_timeout} and the pauses between retries all
 * spend it, so that the whole wait never runs past it.
 */
final class WaitBudget {
    private final Sleeper clock;
    private final Duration total;
    private final long deadline;

    WaitBudget(Sleeper clock, Duration total) {
        this.clock = clock;
        this.total = total;
        this.deadline = clock.nanoTime() + total.toNanos();
    }

    Duration total() {
        return total;
    }

    long now() {
        return clock.nanoTime();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - clock.nanoTime()));
    }

    boolean spent() {
        return clock.nanoTime() >= deadline;
    }

    /**
     * The {@code lock_timeout} of the next lock request: the configured one cut to what is left, and
     * never below a millisecond (0 would mean no limit at all).
     */
    Duration lockTimeout(Duration configured) {
        Duration left = remaining();
        Duration cut = left.compareTo(configured) < 0 ? left : configured;
        return cut.toMillis() < 1 ? Duration.ofMillis(1) : Duration.ofMillis(cut.toMillis());
    }

    /** A pause before a retry, cut to what is left. */
    long pause(long millis) {
        return Math.max(0, Math.min(millis, remaining().toMillis()));
    }
}
