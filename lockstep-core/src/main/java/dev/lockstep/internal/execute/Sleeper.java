package dev.lockstep.internal.execute;

/** Waiting, and the clock that measures waits; injectable so that tests of retry logic need not wait. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = millis -> {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    };

    void sleep(long millis);

    /** A monotonic time in nanoseconds that waits are measured against. */
    default long nanoTime() {
        return System.nanoTime();
    }
}
