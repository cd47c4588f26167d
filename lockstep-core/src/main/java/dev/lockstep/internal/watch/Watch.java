package dev.lockstep.internal.watch;

import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.WatchReport;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy --watch}: samples the database (and the health checks) on a thread of its own from
 * before the migration to the end of the window after it. The deploy waits for the baseline before it
 * migrates, then for the window, which ends early at the first threshold broken.
 */
public final class Watch implements AutoCloseable {
    private final LockstepConfig config;
    private final RunListener listener;
    private final Thresholds thresholds;
    private final HealthChecks checks;
    private final List<String> notes = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Instant startedAt;
    private final long startedNanos;
    private final Sampler sampler;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long[] tracked;
    private long[] chosen = new long[0];

    /** What the watch saw, and the threshold broken (null when none was). */
    public record Outcome(WatchReport report, String breach) {
    }

    private Watch(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
        this.thresholds = Thresholds.of(config);
        this.checks = new HealthChecks(config);
        this.startedAt = config.clock().instant();
        this.startedNanos = System.nanoTime();
        this.sampler = new Sampler(config, listener, notes);
        this.thread = new Thread(this::loop, "lockstep watch");
        thread.setDaemon(true);
    }

    /** Starts sampling now. */
    public static Watch start(LockstepConfig config, RunListener listener) {
        Watch w = new Watch(config, listener);
        if (!w.thresholds.any() && w.checks.names().isEmpty()) {
            w.note("no [watch] threshold and no health check is set: the report charts the samples, nothing fails "
                    + "the deploy");
        }
        w.thread.start();
        return w;
    }

    /** Waits until the baseline is sampled (its duration, and at least two samples); returns how many. */
    public int awaitBaseline() {
        long baselineMs = config.get(Setting.WATCH_BASELINE).toMillis();
        synchronized (samples) {
            while (!stopped && (elapsedMs() < baselineMs || samples.size() < 2)) {
                waitForSample();
            }
            if (samples.size() >= 2) {
                chosen = Evaluation.topStatements(samples.get(0), samples.get(samples.size() - 1),
                        thresholds.topStatements(), thresholds.minCalls());
            }
            tracked = chosen;
            return samples.size();
        }
    }

    /**
     * Watches until the window after the migration ends, or a threshold is broken; then stops.
     *
     * @param migrationStart when the migration step began, on the configuration's clock
     * @param migrationEnd when it ended
     */
    public Outcome until(Instant migrationStart, Instant migrationEnd) {
        long startMs = Duration.between(startedAt, migrationStart).toMillis();
        long endMs = Duration.between(startedAt, migrationEnd).toMillis();
        long deadlineMs = endMs + config.get(Setting.WATCH_WINDOW).toMillis();
        try {
            synchronized (samples) {
                while (!stopped && evaluate(startMs, endMs).breach() == null
                        && (samples.isEmpty() || samples.get(samples.size() - 1).atMs() < deadlineMs)) {
                    waitForSample();
                }
            }
        } finally {
            stopSampling();
        }
        synchronized (samples) {
            Evaluation.Result r = evaluate(startMs, endMs);
            return new Outcome(report(r, startMs, endMs, r.breach() != null ? "breached" : "ok"), r.breach());
        }
    }

    /** Stops without a window (an earlier step failed); the report shows what was sampled. */
    public WatchReport stop(Instant migrationStart, Instant migrationEnd) {
        stopSampling();
        long startMs = migrationStart == null ? elapsedMs() : Duration.between(startedAt, migrationStart).toMillis();
        Long endMs = migrationEnd == null ? null : Duration.between(startedAt, migrationEnd).toMillis();
        synchronized (samples) {
            return report(evaluate(startMs, endMs), startMs, endMs, "stopped");
        }
    }

    /** Stops sampling, if it still runs. */
    @Override
    public void close() {
        stopSampling();
    }

    private Evaluation.Result evaluate(long startMs, Long endMs) {
        return new Evaluation(List.copyOf(samples), startMs, endMs, thresholds, chosen, checks.names()).evaluate();
    }

    private WatchReport report(Evaluation.Result r, long startMs, Long endMs, String outcome) {
        List<String> notesNow;
        synchronized (notes) {
            notesNow = List.copyOf(notes);
        }
        return new WatchReport(startedAt.toString(), config.get(Setting.WATCH_INTERVAL).toMillis(),
                config.get(Setting.WATCH_WINDOW).toMillis(), startMs, endMs, outcome, samples.size(), r.series(),
                r.statements(), r.breach() == null ? List.of() : List.of(r.breach()), notesNow);
    }

    private void loop() {
        long interval = config.get(Setting.WATCH_INTERVAL).toNanos();
        long next = System.nanoTime();
        try {
            while (!stopped) {
                long at = Duration.between(startedAt, config.clock().instant()).toMillis();
                List<Sample.CheckOutcome> outcomes = checks.run();
                Sample s = sampler.take(at, tracked, outcomes);
                synchronized (samples) {
                    if (stopped) {
                        return; // taken while stopping: a check may have been cut short
                    }
                    samples.add(s);
                    samples.notifyAll();
                }
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } else {
                    next = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            note("sampling stopped: " + e.getMessage());
        } finally {
            sampler.close();
            synchronized (samples) {
                stopped = true;
                samples.notifyAll();
            }
        }
    }

    private void stopSampling() {
        if (Thread.currentThread() == thread) {
            return;
        }
        synchronized (samples) {
            stopped = true;
            samples.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(config.get(Setting.WATCH_INTERVAL).toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, holding the samples' monitor, until the next sample (or a stop). */
    private void waitForSample() {
        try {
            samples.wait(Math.max(100, config.get(Setting.WATCH_INTERVAL).toMillis() * 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private long elapsedMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private void note(String text) {
        synchronized (notes) {
            notes.add(text);
        }
        listener.notice("watch: " + text);
    }

    /** A one-line summary of the sampling, for the step's detail. */
    public static String describe(LockstepConfig config) {
        return "every " + Durations.format(config.get(Setting.WATCH_INTERVAL)) + " for "
                + Durations.format(config.get(Setting.WATCH_WINDOW)) + " after the migration";
    }
}
