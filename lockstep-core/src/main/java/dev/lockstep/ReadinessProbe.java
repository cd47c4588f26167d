package dev.lockstep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link Readiness} read at most once per {@code serve.cache} interval, so that a probe every second
 * reads neither the migration files nor the history each time. Only the first call waits for a check; once
 * an answer is older than the interval, the next call starts a new check in the background and still gets
 * the previous answer, so no probe waits for the database (an answer is at most the interval plus one check
 * old).
 */
public final class ReadinessProbe {
    private final Supplier<Readiness> check;
    private final Duration maxAge;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Answer last;

    private record Answer(Readiness readiness, Instant readAt) {
    }

    public ReadinessProbe(Supplier<Readiness> check, Duration maxAge, Clock clock) {
        this.check = Objects.requireNonNull(check, "check");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The latest answer; a fresh one when there is none yet or the interval is zero. */
    public Readiness get() {
        Answer answer = last;
        if (answer == null || maxAge.isZero()) {
            return read().readiness();
        }
        if (!clock.instant().isBefore(answer.readAt().plus(maxAge)) && refreshing.compareAndSet(false, true)) {
            Answer now = last;
            if (now != answer) {
                // A check ended between reading the answer and taking the flag: its answer is the fresh one.
                refreshing.set(false);
                return now.readiness();
            }
            CompletableFuture.runAsync(() -> {
                try {
                    read();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return answer.readiness();
    }

    public Duration maxAge() {
        return maxAge;
    }

    private synchronized Answer read() {
        Answer answer = new Answer(check.get(), clock.instant());
        last = answer;
        return answer;
    }
}
