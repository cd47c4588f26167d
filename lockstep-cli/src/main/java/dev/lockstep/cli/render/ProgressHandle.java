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
 * Progress as it happens: a line per migration with its duration, notices on stderr, and for a step that
 * runs long (a statement, a batched backfill) what it is doing and for how long: on a terminal a live
 * line after two seconds, in a log (no terminal: CI) a line every ten seconds.
 */
public final class ProgressHandle implements RunListener, AutoCloseable {
    private static final long LIVE_AFTER_MS = 2000;
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Console console;
    private final long logEveryMs;
    private final ScheduledExecutorService ticker;
    private volatile String running;
    private volatile String status;
    private volatile long runningSince;
    private volatile long lastLogged;
    private volatile boolean liveShown;

    ProgressHandle(Console console) {
        this(console, LOG_EVERY);
    }

    ProgressHandle(Console console, Duration logEvery) {
        this.console = console;
        this.logEveryMs = logEvery.toMillis();
        if (!console.quiet()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lockstep-progress");
                t.setDaemon(true);
                return t;
            });
            long period = console.terminal() ? 500 : Math.max(50, Math.min(1000, logEveryMs / 4));
            ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
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
    public void migrationStarted(MigrationEvent migration) {
        begin(name(migration) + " (" + migration.description() + ")");
    }

    @Override
    public void progress(String now) {
        status = now;
    }

    @Override
    public void statementStarted(MigrationEvent migration, int statement, int statements, String sql) {
        String first = sql.lines().findFirst().orElse("").strip();
        begin("statement " + statement + "/" + statements + " of " + name(migration) + ": "
                + (first.length() > 50 ? first.substring(0, 47) + "..." : first));
    }

    @Override
    public void batchStarted(MigrationEvent migration, int first, int last, int statements) {
        begin("statements " + first + "-" + last + "/" + statements + " of " + name(migration) + " (sent together)");
    }

    private void begin(String what) {
        status = null;
        runningSince = System.nanoTime();
        lastLogged = runningSince;
        running = what;
    }

    @Override
    public void statementFinished(MigrationEvent migration, int statement, Duration took) {
        end();
    }

    private void end() {
        running = null;
        status = null;
        clearLive();
    }

    @Override
    public void migrationFinished(MigrationEvent m) {
        end();
        String verb = switch (m.direction()) {
            case "down" -> "rolled back";
            case "resume" -> "resumed";
            default -> "applied";
        };
        console.progress(String.format("  %-11s %-8s %-40s %8s%s", verb, label(m), m.description(), Durations.format(m.duration()),
                m.transactional() ? "" : m.blocks() > 0 ? "  (" + m.blocks() + (m.blocks() == 1 ? " block" : " blocks")
                        + " as written)" : "  (statement by statement)"));
    }

    @Override
    public void lockWaits(MigrationEvent m, int sessions, Duration longest) {
        clearLive();
        console.notice("    " + sessions + " session" + (sessions == 1 ? "" : "s") + " waiting behind " + label(m)
                + " (longest " + Durations.format(longest) + ")");
    }

    @Override
    public void migrationFailed(MigrationEvent m, String error) {
        end();
        console.progress(String.format("  %-11s %-8s %s", "FAILED", label(m), m.description()));
    }

    private void tick() {
        String what = running;
        if (what == null) {
            return;
        }
        String now = status != null ? status : what;
        long t = System.nanoTime();
        long ms = (t - runningSince) / 1_000_000;
        String line = "    ... " + now + " (" + Durations.format(Duration.ofMillis(ms)) + ")";
        if (console.terminal()) {
            if (ms >= LIVE_AFTER_MS) {
                showLive(line);
            }
        } else if ((t - lastLogged) / 1_000_000 >= logEveryMs) {
            lastLogged = t;
            console.progress(line);
        }
    }

    private synchronized void showLive(String line) {
        console.live("\r" + (line.length() > 118 ? line.substring(0, 118) : line) + "\u001b[K");
        liveShown = true;
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
