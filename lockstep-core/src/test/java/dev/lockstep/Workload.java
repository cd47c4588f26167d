package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test helper: an application's traffic on a connection of its own, one statement per transaction in a
 * loop, until closed (and for at most two minutes, whatever happens). Failed statements are counted, not
 * thrown.
 */
final class Workload implements AutoCloseable {
    private static final long LIMIT_MS = 120_000;

    interface Call {
        void run(PreparedStatement ps, long i) throws SQLException;
    }

    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    Workload(TestPostgres pg, String sql, Call call) {
        thread = new Thread(() -> {
            long until = System.nanoTime() + LIMIT_MS * 1_000_000;
            try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (long i = 0; !stop.get() && System.nanoTime() < until; i++) {
                    try {
                        call.run(ps, i);
                        ok.incrementAndGet();
                    } catch (SQLException e) {
                        failed.incrementAndGet();
                    }
                    Thread.sleep(1);
                }
            } catch (SQLException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test workload");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }
}
