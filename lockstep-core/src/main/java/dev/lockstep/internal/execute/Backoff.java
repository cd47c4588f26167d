package dev.lockstep.internal.execute;

import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: 200ms, 400ms, 800ms ... capped at 10s, each scaled by 0.5–1.5. */
final class Backoff {
    private static final long BASE_MS = 200;
    private static final long CAP_MS = 10_000;

    private Backoff() {
    }

    static long delayMillis(int attempt, RandomGenerator random) {
        long exp = Math.min(CAP_MS, BASE_MS << Math.min(attempt, 16));
        return Math.max(1, Math.round(exp * (0.5 + random.nextDouble())));
    }
}
