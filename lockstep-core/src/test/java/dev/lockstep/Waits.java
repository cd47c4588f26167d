package dev.lockstep;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;

/** Waiting for a condition on the server, polled; the limit only keeps a broken run from hanging the build. */
final class Waits {
    private static final long GIVE_UP_MS = 120_000;

    private Waits() {
    }

    /** The pid of a Lockstep backend running a statement LIKE {@code pattern}, once there is one. */
    static int backendRunning(TestPostgres pg, String pattern, Process child, Path log) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            List<List<String>> rows = pg.query("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'lockstep %' "
                    + "AND state = 'active' AND query LIKE '" + pattern.replace("'", "''") + "'");
            if (!rows.isEmpty()) {
                return Integer.parseInt(rows.get(0).get(0));
            }
            if (!child.isAlive()) {
                throw new AssertionError("the runner ended before running " + pattern + ": " + ChildRunner.log(log));
            }
            giveUpAfter(start, "a backend running " + pattern);
            Thread.sleep(10);
        }
    }

    /** Waits until the runner has a backend on the test database; returns System.nanoTime() then. */
    static long firstRunnerBackend(TestPostgres pg, Process child, Path log) throws InterruptedException {
        long start = System.nanoTime();
        while ("0".equals(pg.queryValue("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'lockstep %' "
                + "AND datname = current_database()"))) {
            if (!child.isAlive()) {
                throw new AssertionError("the runner ended before it connected: " + ChildRunner.log(log));
            }
            giveUpAfter(start, "the runner to connect");
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** Returns once no backend of a Lockstep runner is left on the test database. */
    static void noRunnerBackends(TestPostgres pg) throws InterruptedException {
        long start = System.nanoTime();
        while (!"0".equals(pg.queryValue("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'lockstep %' "
                + "AND datname = current_database()"))) {
            giveUpAfter(start, "the runner backends to end");
            Thread.sleep(20);
        }
    }

    private static void giveUpAfter(long start, String what) {
        if (System.nanoTime() - start > GIVE_UP_MS * 1_000_000) {
            throw new AssertionError("gave up waiting for " + what);
        }
    }
}
