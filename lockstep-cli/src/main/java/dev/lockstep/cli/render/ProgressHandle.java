package dev.lockstep.cli.render;

import dev.lockstep.Durations;
import dev.lockstep.cli.Console;
import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress as it happens: a line per migration with its duration, notices on stderr, and on a
 * terminal a live line for a statement that runs longer than two seconds.
 */
public final class ProgressHandle implements RunListener, AutoCloseable {
    private static final long LIVE_AFTER_MS = 2000;

    private final Console console;
    private final ScheduledExecutorService ticker;
    private volatile String running;
    private volatile long runningSince;
    private volatile boolean liveShown;

    ProgressHandle(Console console) {
        this.console = console;
        if (console.terminal() && !console.quiet()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lockstep-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public void notice(String message) {
        clearLive();
        console.notice(message);
    }

    @Override
    public void statementStarted(MigrationEvent migration, int statement, int statements, String sql) {
        String first = sql.lines().findFirst().orElse("").strip();
        running = "statement " + statement + "/" + statements + " of " + name(migration) + ": "
                + (first.length() > 50 ? first.substring(0, 47) + "..." : first);
        runningSince = System.nanoTime();
    }

    @Override
    public void batchStarted(MigrationEvent migration, int first, int last, int statements) {
        running = "statements " + first + "-" + last + "/" + statements + " of " + name(migration) + " (sent together)";
        runningSince = System.nanoTime();
    }

    @Override
    public void statementFinished(MigrationEvent migration, int statement, Duration took) {
        running = null;
        clearLive();
    }

    @Override
    public void migrationFinished(MigrationEvent m) {
        running = null;
        clearLive();
        String verb = switch (m.direction()) {
            case "down" -> "rolled back";
            case "resume" -> "resumed";
            default -> "applied";
        };
        console.progress(String.format("  %-11s %-8s %-40s %8s%s", verb, label(m), m.description(), Durations.format(m.duration()),
                m.transactional() ? "" : "  (statement by statement)"));
    }

    @Override
    public void lockWaits(MigrationEvent m, int sessions, Duration longest) {
        clearLive();
        console.notice("    " + sessions + " session" + (sessions == 1 ? "" : "s") + " waiting behind " + label(m)
                + " (longest " + Durations.format(longest) + ")");
    }

    @Override
    public void migrationFailed(MigrationEvent m, String error) {
        running = null;
        clearLive();
        console.progress(String.format("  %-11s %-8s %s", "FAILED", label(m), m.description()));
    }

    private void tick() {
        String now = running;
        if (now == null) {
            return;
        }
        long ms = (System.nanoTime() - runningSince) / 1_000_000;
        if (ms >= LIVE_AFTER_MS) {
            String line = "    ... " + now + " (" + Durations.format(Duration.ofMillis(ms)) + ")";
            console.live("\r" + (line.length() > 118 ? line.substring(0, 118) : line) + "\u001b[K");
            liveShown = true;
        }
    }

    private synchronized void clearLive() {
        if (liveShown) {
            console.live("\r\u001b[K");
            liveShown = false;
        }
    }

    private static String label(MigrationEvent m) {
        return m.version() == null ? "R" : m.version();
    }

    private static String name(MigrationEvent m) {
        return m.version() == null ? m.description() : m.version();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clearLive();
    }
}
