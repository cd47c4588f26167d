package dev.lockstep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link Readiness} read at most once per {@code serve.cache} interval, so that a probe every second
 * reads neither the migration files nor the history each time. While one caller refreshes an expired
 * answer, the others get the previous one instead of waiting.
 */
public final class ReadinessProbe {
    private final Supplier<Readiness> check;
    private final Duration maxAge;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Readiness last;
    private volatile Instant readAt;

    public ReadinessProbe(Supplier<Readiness> check, Duration maxAge, Clock clock) {
        this.check = Objects.requireNonNull(check, "check");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cached answer while it is younger than the interval, else a fresh one. */
    public Readiness get() {
        Readiness cached = last;
        if (cached != null && fresh()) {
            return cached;
        }
        if (cached != null && !refreshing.tryLock()) {
            return cached;
        }
        if (cached == null) {
            refreshing.lock();
        }
        try {
            if (last == null || !fresh()) {
                last = check.get();
                readAt = clock.instant();
            }
            return last;
        } finally {
            refreshing.unlock();
        }
    }

    public Duration maxAge() {
        return maxAge;
    }

    private boolean fresh() {
        return readAt != null && clock.instant().isBefore(readAt.plus(maxAge));
    }
}
