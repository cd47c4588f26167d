package dev.lockstep;

import java.util.List;

/**
 * What {@code deploy --watch} saw: samples from before the migration (the baseline) to the end of the
 * window, as series, and the thresholds they broke.
 *
 * @param startedAt when sampling began (ISO-8601); every point's {@code atMs} counts from it
 * @param migrationStartMs when the migration began, in ms from {@code startedAt}
 * @param migrationEndMs when it ended, or null when the watch stopped before
 * @param outcome {@code ok}, {@code breached}, or {@code stopped} (an earlier step failed)
 * @param breaches each threshold broken, with the value seen
 * @param notes what could not be watched and why (e.g. pg_stat_statements not installed)
 */
public record WatchReport(String startedAt, long intervalMs, long windowMs, long migrationStartMs, Long migrationEndMs,
                          String outcome, int samples, List<Series> series, List<Statement> statements,
                          List<String> breaches, List<String> notes) {

    /**
     * One measured quantity over time.
     *
     * @param threshold the limit that fails the watch, or null
     */
    public record Series(String name, String unit, Double threshold, List<Point> points) {
    }

    /** @param value null where nothing was measured (e.g. no call of a statement in that interval) */
    public record Point(long atMs, Double value) {
    }

    /**
     * A top statement of pg_stat_statements: its time before the migration and since. The p95 is estimated
     * from the mean and standard deviation (mean + 1.645 sd), as pg_stat_statements keeps no percentiles.
     *
     * @param regression how much slower the mean is since the migration (0.2 = 20%), or null with too few calls
     */
    public record Statement(String queryId, String query, long baselineCalls, double baselineMeanMs,
                            double baselineP95Ms, long afterCalls, Double afterMeanMs, Double afterP95Ms,
                            Double regression) {
    }
}
