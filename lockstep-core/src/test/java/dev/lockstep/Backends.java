package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helper: runs work in the background and waits for what the server's other backends are doing. */
final class Backends {
    private static final long MAX_WAIT_MS = 60_000;

    private final TestPostgres pg;

    Backends(TestPostgres pg) {
        this.pg = pg;
    }

    static <T> Future<T> inBackground(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "background-migration");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The result, or the exception the work threw; fails when it is still running after a minute. */
    static <T> T outcome(Future<T> f) throws Throwable {
        try {
            return f.get(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the background work did not finish within a minute", e);
        }
    }

    /**
     * The pid of the backend of this test's database whose query starts with {@code prefix} and that is
     * waiting on a lock, once there is one (the condition, not a fixed sleep, is what the test waits for).
     */
    int awaitWaiting(String prefix) throws InterruptedException {
        String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND wait_event_type = 'Lock' AND query LIKE '" + prefix.replace("'", "''") + "%'";
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            var rows = pg.query(sql);
            if (!rows.isEmpty()) {
                return Integer.parseInt(rows.get(0).get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no backend ran '" + prefix + "...' waiting on a lock within a minute");
    }

    void cancel(int pid) {
        pg.queryValue("SELECT pg_cancel_backend(" + pid + ")");
    }
}
