package dev.lockstep.internal.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.RecursiveAction;

/**
 * A function applied to every item of a list, on every core, the results in the list's order: what
 * {@code items.parallelStream().map(f).toList()} gives, without the lambdas and stream classes a short
 * command pays to link (docs/architecture.md, "Start-up of the command-line tool"). Reading and linting
 * files use it; a short list is done on the calling thread, where a fork would cost more than it saves.
 */
public abstract class ParallelMap<T, R> {
    /** Below this many items, one thread. */
    static final int PARALLEL_FROM = 32;
    /** Items a task does without splitting further. */
    private static final int GRAIN = 16;

    protected abstract R apply(T item);

    /** Every item's result, in order; the first failure (of any item) is thrown. */
    public final List<R> over(List<T> items) {
        if (items.size() < PARALLEL_FROM) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(apply(item));
            }
            return Collections.unmodifiableList(out);
        }
        Object[] out = new Object[items.size()];
        new Part(items, out, 0, items.size()).invoke();
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) Collections.unmodifiableList(Arrays.asList(out));
        return results;
    }

    private final class Part extends RecursiveAction {
        private final List<T> items;
        private final Object[] out;
        private final int from;
        private final int to;

        Part(List<T> items, Object[] out, int from, int to) {
            this.items = items;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= GRAIN) {
                for (int i = from; i < to; i++) {
                    out[i] = apply(items.get(i));
                }
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Part(items, out, from, middle), new Part(items, out, middle, to));
        }
    }
}
