package dev.lockstep.internal.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function applied to every item of a list, on every core, the results in the list's order: what
 * {@code items.parallelStream().map(f).toList()} gives, without the lambdas and stream classes a short
 * command pays to link (docs/architecture.md, "Start-up of the command-line tool"). Reading and linting
 * files use it; a short list is done on the calling thread, where another thread would cost more than it
 * saves.
 *
 * <p>The calling thread works through the list with a few helper threads (one per other core, started when a
 * list comes and ended when none has come for a while), each taking the next few items until none are left.
 * Not the fork/join pool: in a command that lasts a quarter of a second, initialising it and its tasks cost
 * more than the work they share out, and a list shared out in order needs none of its work stealing.
 */
public abstract class ParallelMap<T, R> {
    /** Below this many items, one thread. */
    static final int PARALLEL_FROM = 32;
    /** At most this many items are taken at a time (fewer near the end of a short list). */
    private static final int MAX_GRAIN = 16;

    protected abstract R apply(T item);

    /**
     * Every item's result, in order. When items fail, the failure of the first of them in the list's order
     * is thrown (once one has failed, items not yet started are skipped).
     */
    public final List<R> over(List<T> items) {
        if (items.size() < PARALLEL_FROM || Helpers.COUNT == 0 || Thread.currentThread() instanceof Helper) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(apply(item));
            }
            return Collections.unmodifiableList(out);
        }
        Job job = new Job(items);
        Helpers.offer(job, Helpers.COUNT);
        job.work();
        job.awaitHelpers();
        job.rethrow();
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) Collections.unmodifiableList(Arrays.asList(job.out));
        return results;
    }

    /** One call of {@link #over}: the items, who takes which, the results, and the first failure. */
    private final class Job implements Runnable {
        private final List<T> items;
        private final Object[] out;
        private final int grain;
        private final AtomicInteger next = new AtomicInteger();
        /** Helpers working on the job; the caller returns only when none is. */
        private final AtomicInteger helping = new AtomicInteger();
        private int failedAt = Integer.MAX_VALUE;
        private Throwable failure;

        Job(List<T> items) {
            this.items = items;
            this.out = new Object[items.size()];
            this.grain = Math.max(1, Math.min(MAX_GRAIN, items.size() / ((Helpers.COUNT + 1) * 8)));
        }

        /** A helper's share: counted in {@link #helping} so that the caller waits for it. */
        @Override
        public void run() {
            helping.incrementAndGet();
            try {
                work();
            } finally {
                if (helping.decrementAndGet() == 0) {
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        }

        void work() {
            int n = items.size();
            for (int from = next.getAndAdd(grain); from < n; from = next.getAndAdd(grain)) {
                int to = Math.min(n, from + grain);
                for (int i = from; i < to; i++) {
                    try {
                        out[i] = apply(items.get(i));
                    } catch (RuntimeException | Error e) {
                        failed(i, e);
                        next.set(n);
                        return;
                    }
                }
            }
        }

        private synchronized void failed(int index, Throwable e) {
            if (index < failedAt) {
                failedAt = index;
                failure = e;
            }
        }

        /**
         * Every item is taken once the caller's own loop ends; a helper that took some is counted in
         * {@link #helping} from before it took them, so waiting for the count to reach zero waits for them.
         */
        synchronized void awaitHelpers() {
            boolean interrupted = false;
            while (helping.get() > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    /** A thread that helps with jobs; a job it runs that maps a list itself does so on this thread alone. */
    private static final class Helper extends Thread {
        Helper(int number) {
            super("lockstep-parallel-" + number);
            setDaemon(true);
        }

        @Override
        public void run() {
            for (Runnable job = Helpers.take(); job != null; job = Helpers.take()) {
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    // a job records its own failures; nothing else can reach here
                }
            }
        }
    }

    /**
     * The helper threads and the jobs waiting for them. Helpers start when a job comes and end after
     * {@link #idleMillis} without one, so that a long-lived process (an application that embeds Lockstep and
     * is redeployed) keeps no thread, nor its class loader, once the work is done.
     */
    static final class Helpers {
        static final int COUNT = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        /** How long a helper waits for the next job before it ends (tests shorten it). */
        static volatile long idleMillis = 10_000;
        private static final ArrayDeque<Runnable> WAITING = new ArrayDeque<>();
        private static int running;
        private static int started;

        private Helpers() {
        }

        /** Asks {@code helpers} helpers to join the job (one that comes after it is done finds nothing to do). */
        static synchronized void offer(Runnable job, int helpers) {
            for (int i = 0; i < helpers; i++) {
                WAITING.add(job);
            }
            while (running < COUNT) {
                running++;
                new Helper(++started).start();
            }
            Helpers.class.notifyAll();
        }

        /** The next job; null when none came for {@link #idleMillis}, and the helper is then no longer counted. */
        static synchronized Runnable take() {
            long deadline = System.nanoTime() + idleMillis * 1_000_000;
            while (WAITING.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    running--;
                    return null;
                }
                try {
                    Helpers.class.wait(left);
                } catch (InterruptedException e) {
                    running--;
                    return null;
                }
            }
            return WAITING.poll();
        }

        /** Helpers alive now. */
        static synchronized int running() {
            return running;
        }

        /** Helpers started since the process began. */
        static synchronized int started() {
            return started;
        }
    }
}
