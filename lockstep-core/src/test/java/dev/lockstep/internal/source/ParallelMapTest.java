package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results in order, each item once, the first failure in the list's order, and nesting and concurrent callers. */
class ParallelMapTest {

    private static List<Integer> upTo(int n) {
        List<Integer> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    /** Squares each item and counts the calls per item and the threads that made them. */
    private static final class Squares extends ParallelMap<Integer, Integer> {
        final ConcurrentHashMap<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        protected Integer apply(Integer item) {
            calls.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
            threads.add(Thread.currentThread());
            return item * item;
        }
    }

    @Test
    void everyItemIsMappedOnceAndTheResultsKeepTheListsOrder() {
        for (int n : new int[] {0, 1, 31, 32, 33, 100, 1000, 4097}) {
            Squares squares = new Squares();
            List<Integer> out = squares.over(upTo(n));
            assertThat(out).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(out.get(i)).isEqualTo(i * i);
                assertThat(squares.calls.get(i).get()).as("calls of item %d of %d", i, n).isEqualTo(1);
            }
            assertThatThrownBy(() -> out.add(1)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aShortListIsMappedOnTheCallingThread() {
        Squares squares = new Squares();
        squares.over(upTo(ParallelMap.PARALLEL_FROM - 1));
        assertThat(squares.threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aLongListIsSharedWithTheOtherCoresWhenThereAreAny() throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        // Each item waits until every thread that will help has started one, so that no thread can take all.
        CountDownLatch started = new CountDownLatch(Math.min(cores, 2));
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> out = new ParallelMap<Integer, Integer>() {
            @Override
            protected Integer apply(Integer item) {
                if (threads.add(Thread.currentThread())) {
                    started.countDown();
                }
                try {
                    // a lone thread (one core) counts down alone; a helper that never comes fails the test below
                    if (!started.await(10, TimeUnit.SECONDS)) {
                        while (started.getCount() > 0) {
                            started.countDown();
                        }
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return item + 1;
            }
        }.over(upTo(200));
        assertThat(out).hasSize(200).startsWith(1, 2, 3).endsWith(200);
        assertThat(threads).hasSize(Math.min(cores, 2));
        assertThat(threads).contains(Thread.currentThread());
    }

    @Test
    void theFailureOfTheFirstFailingItemInTheListsOrderIsThrown() {
        for (int round = 0; round < 5; round++) {
            assertThatThrownBy(() -> new ParallelMap<Integer, Integer>() {
                @Override
                protected Integer apply(Integer item) {
                    if (item == 300) {
                        // fails last in time, first in order
                        sleep();
                        throw new IllegalArgumentException("item " + item);
                    }
                    if (item == 700 || item == 999) {
                        throw new IllegalArgumentException("item " + item);
                    }
                    return item;
                }
            }.over(upTo(1000))).isInstanceOf(IllegalArgumentException.class).hasMessage("item 300");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anErrorIsThrownAsItIs() {
        assertThatThrownBy(() -> new ParallelMap<Integer, Integer>() {
            @Override
            protected Integer apply(Integer item) {
                if (item == 40) {
                    throw new StackOverflowError("deep");
                }
                return item;
            }
        }.over(upTo(100))).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    }

    @Test
    void aMapInsideAMapAndMapsFromManyThreadsAtOnceAllFinishWithTheirOwnResults() throws InterruptedException {
        ParallelMap<Integer, Integer> outer = new ParallelMap<>() {
            @Override
            protected Integer apply(Integer item) {
                int sum = 0;
                for (int v : new Squares().over(upTo(40))) {
                    sum += v;
                }
                return sum + item;
            }
        };
        int squaresBelow40 = 0;
        for (int i = 0; i < 40; i++) {
            squaresBelow40 += i * i;
        }
        List<Thread> callers = new ArrayList<>();
        ConcurrentHashMap<Integer, List<Integer>> results = new ConcurrentHashMap<>();
        for (int c = 0; c < 6; c++) {
            int caller = c;
            Thread t = new Thread(() -> results.put(caller, outer.over(upTo(64 + caller))));
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        assertThat(results).hasSize(6);
        for (int c = 0; c < 6; c++) {
            List<Integer> got = results.get(c);
            assertThat(got).hasSize(64 + c);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).isEqualTo(squaresBelow40 + i);
            }
        }
    }

    @Test
    void helpersEndWhenNoWorkComesAndStartAgainWithTheNextList() throws InterruptedException {
        long idle = ParallelMap.Helpers.idleMillis;
        ParallelMap.Helpers.idleMillis = 50;
        try {
            new Squares().over(upTo(100)); // helpers that were waiting with the longer idle time are woken by this
            new Squares().over(upTo(100));
            long until = System.nanoTime() + 30_000_000_000L;
            while ((ParallelMap.Helpers.running() > 0 || helperThreadsAlive()) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(ParallelMap.Helpers.running()).isZero();
            assertThat(helperThreadsAlive()).isFalse();
            int started = ParallelMap.Helpers.started();
            assertThat(new Squares().over(upTo(500))).hasSize(500).endsWith(499 * 499);
            assertThat(ParallelMap.Helpers.started()).isEqualTo(started + ParallelMap.Helpers.COUNT);
        } finally {
            ParallelMap.Helpers.idleMillis = idle;
        }
    }

    private static boolean helperThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("lockstep-parallel-"));
    }
}
