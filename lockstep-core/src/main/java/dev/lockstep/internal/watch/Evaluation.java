package dev.lockstep.internal.watch;

import dev.lockstep.WatchReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The samples of a watch as series, and the first threshold broken since the migration ended for
 * {@code breach-samples} samples in a row. Pure: values in, values out.
 */
final class Evaluation {
    /** Cumulative counters are flushed about once a second (PostgreSQL 15+): rates span at least that. */
    static final long RATE_SPAN_MS = 1000;

    record Result(List<WatchReport.Series> series, List<WatchReport.Statement> statements, String breach) {
    }

    private final List<Sample> samples;
    private final long migrationStartMs;
    private final Long migrationEndMs;
    private final Thresholds t;
    private final long[] tracked;
    private final List<String> checkNames;

    Evaluation(List<Sample> samples, long migrationStartMs, Long migrationEndMs, Thresholds t, long[] tracked,
               List<String> checkNames) {
        this.samples = samples;
        this.migrationStartMs = migrationStartMs;
        this.migrationEndMs = migrationEndMs;
        this.t = t;
        this.tracked = tracked == null ? new long[0] : tracked;
        this.checkNames = checkNames;
    }

    /** The statements that took the most time between two samples, with at least {@code minCalls} calls. */
    static long[] topStatements(Sample first, Sample last, int n, int minCalls) {
        if (first.statements() == null || last.statements() == null) {
            return new long[0];
        }
        return last.statements().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().minus(first.statements().get(e.getKey()))))
                .filter(e -> e.getValue().calls() >= Math.max(1, minCalls))
                .sorted(Comparator.comparingDouble((Map.Entry<Long, Sample.StatementTotals> e) -> e.getValue().totalMs())
                        .reversed())
                .limit(n).mapToLong(Map.Entry::getKey).toArray();
    }

    Result evaluate() {
        List<Metric> metrics = metrics();
        List<WatchReport.Series> series = new ArrayList<>();
        for (Metric m : metrics) {
            List<WatchReport.Point> points = new ArrayList<>();
            boolean any = false;
            for (int i = 0; i < samples.size(); i++) {
                Double v = m.value.apply(i);
                any |= v != null;
                points.add(new WatchReport.Point(samples.get(i).atMs(), v));
            }
            if (any || m.always) {
                series.add(new WatchReport.Series(m.name, m.unit, m.threshold, List.copyOf(points)));
            }
        }
        return new Result(List.copyOf(series), statements(), breach(metrics));
    }

    /** One measured quantity: its value at sample i (null: not measured), and when it counts as broken. */
    private record Metric(String name, String unit, Double threshold, boolean always, IntFunction<Double> value,
                          IntFunction<String> broken) {
    }

    private List<Metric> metrics() {
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("rollbacks/s", "per second", t.maxRollbackRate(), true, this::rollbackRate,
                i -> above(rollbackRate(i), t.maxRollbackRate(), "rollbacks/s", "max-rollback-rate")));
        out.add(new Metric("deadlocks", "since the watch began", null, true,
                i -> since(i, 0, Sample::deadlocks),
                i -> above(since(i, endIndex(), Sample::deadlocks), t.maxDeadlocks() == null ? null
                        : t.maxDeadlocks().doubleValue(), "deadlocks since the migration", "max-deadlocks")));
        out.add(new Metric("sessions waiting on locks", "sessions", t.maxLockWaiters() == null ? null
                : t.maxLockWaiters().doubleValue(), true, i -> num(samples.get(i).lockWaiters()),
                i -> above(num(samples.get(i).lockWaiters()), t.maxLockWaiters() == null ? null
                        : t.maxLockWaiters().doubleValue(), "sessions waiting on locks", "max-lock-waiters")));
        out.add(new Metric("replication lag", "seconds", t.maxReplicationLagSeconds(), false,
                i -> samples.get(i).replicationLagSeconds(),
                i -> above(samples.get(i).replicationLagSeconds(), t.maxReplicationLagSeconds(),
                        "replication lag (s)", "max-replication-lag")));
        for (long id : tracked) {
            Sample.StatementTotals base = baseline(id);
            Double limit = t.maxLatencyRegression() == null || base == null ? null
                    : base.mean() * (1 + t.maxLatencyRegression());
            String query = base == null ? Long.toString(id) : oneLine(base.query());
            out.add(new Metric("mean ms: " + query, "ms per call", limit, false, i -> intervalMean(id, i),
                    i -> regressionBroken(id, i)));
        }
        for (int c = 0; c < checkNames.size(); c++) {
            int k = c;
            out.add(new Metric(checkNames.get(c), "ms (gap: failed)", null, true, i -> checkMs(i, k), i -> {
                Sample.CheckOutcome o = check(i, k);
                return o == null || o.ok() ? null : o.name() + " " + o.problem();
            }));
        }
        return out;
    }

    private String breach(List<Metric> metrics) {
        if (migrationEndMs == null) {
            return null;
        }
        Map<String, Integer> inARow = new HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).atMs() <= migrationEndMs) {
                continue;
            }
            for (Metric m : metrics) {
                String broken = m.broken.apply(i);
                int n = broken == null ? 0 : inARow.merge(m.name, 1, Integer::sum);
                if (broken == null) {
                    inARow.put(m.name, 0);
                } else if (n >= t.breachSamples()) {
                    return broken + " (" + n + " sample" + (n == 1 ? "" : "s") + " in a row, "
                            + seconds(samples.get(i).atMs() - migrationEndMs) + " after the migration)";
                }
            }
        }
        return null;
    }

    private static String above(Double value, Double limit, String what, String setting) {
        if (value == null || limit == null || value <= limit) {
            return null;
        }
        return what + " " + fmt(value) + " above " + setting + " " + fmt(limit);
    }

    private Double rollbackRate(int i) {
        Sample s = samples.get(i);
        if (s.rollbacks() == null) {
            return null;
        }
        for (int j = i - 1; j >= 0; j--) {
            Sample e = samples.get(j);
            long span = s.atMs() - e.atMs();
            if (e.rollbacks() != null && span >= RATE_SPAN_MS) {
                long d = s.rollbacks() - e.rollbacks();
                return d < 0 ? null : d * 1000.0 / span;
            }
        }
        return null;
    }

    private Double since(int i, int from, java.util.function.Function<Sample, Long> counter) {
        Long now = counter.apply(samples.get(i));
        Long then = from < 0 || from >= samples.size() ? null : counter.apply(samples.get(from));
        return now == null || then == null || now < then ? null : (double) (now - then);
    }

    /** The last sample at or before the migration's end, or -1. */
    private int endIndex() {
        int k = -1;
        for (int i = 0; i < samples.size() && migrationEndMs != null; i++) {
            if (samples.get(i).atMs() <= migrationEndMs) {
                k = i;
            }
        }
        return k;
    }

    /** The first sample at or after the migration's end, or -1. */
    private int afterIndex() {
        for (int i = 0; i < samples.size() && migrationEndMs != null; i++) {
            if (samples.get(i).atMs() >= migrationEndMs) {
                return i;
            }
        }
        return -1;
    }

    /** The last sample at or before the migration's start, or -1. */
    private int baselineEnd() {
        int k = -1;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).atMs() <= migrationStartMs) {
                k = i;
            }
        }
        return k;
    }

    private Sample.StatementTotals totals(int i, long id) {
        if (i < 0 || samples.get(i).statements() == null) {
            return null;
        }
        return samples.get(i).statements().get(id);
    }

    private Sample.StatementTotals between(int from, int to, long id) {
        Sample.StatementTotals a = totals(from, id);
        Sample.StatementTotals b = totals(to, id);
        if (b == null || from < 0 || samples.get(from).statements() == null) {
            return null;
        }
        return b.minus(a);
    }

    private Sample.StatementTotals baseline(long id) {
        return between(0, baselineEnd(), id);
    }

    private Double intervalMean(long id, int i) {
        Sample.StatementTotals d = i == 0 ? null : between(i - 1, i, id);
        return d == null || d.calls() == 0 ? null : d.mean();
    }

    private Double regression(long id, int i) {
        Sample.StatementTotals base = baseline(id);
        int k = afterIndex();
        Sample.StatementTotals after = k < 0 || i <= k ? null : between(k, i, id);
        if (base == null || after == null || base.calls() < t.minCalls() || after.calls() < t.minCalls()
                || base.mean() <= 0) {
            return null;
        }
        return after.mean() / base.mean() - 1;
    }

    private String regressionBroken(long id, int i) {
        Double r = regression(id, i);
        if (r == null || t.maxLatencyRegression() == null || r <= t.maxLatencyRegression()) {
            return null;
        }
        Sample.StatementTotals base = baseline(id);
        return "statement " + oneLine(base.query()) + " is " + pct(r) + " slower than before the migration (mean "
                + fmt(between(afterIndex(), i, id).mean()) + " ms, was " + fmt(base.mean())
                + " ms) above max-latency-regression " + pct(t.maxLatencyRegression());
    }

    private List<WatchReport.Statement> statements() {
        List<WatchReport.Statement> out = new ArrayList<>();
        int last = samples.size() - 1;
        int k = afterIndex();
        for (long id : tracked) {
            Sample.StatementTotals base = baseline(id);
            if (base == null) {
                continue;
            }
            Sample.StatementTotals after = k < 0 || last <= k ? null : between(k, last, id);
            boolean measured = after != null && after.calls() > 0;
            out.add(new WatchReport.Statement(Long.toString(id), base.query(), base.calls(), round(base.mean()),
                    round(base.p95()), measured ? after.calls() : 0, measured ? round(after.mean()) : null,
                    measured ? round(after.p95()) : null, last < 0 ? null : regression(id, last)));
        }
        return out;
    }

    private Sample.CheckOutcome check(int i, int k) {
        List<Sample.CheckOutcome> checks = samples.get(i).checks();
        return checks == null || k >= checks.size() ? null : checks.get(k);
    }

    private Double checkMs(int i, int k) {
        Sample.CheckOutcome o = check(i, k);
        return o == null || !o.ok() ? null : (double) o.ms();
    }

    private static Double num(Integer v) {
        return v == null ? null : v.doubleValue();
    }

    static String oneLine(String query) {
        String q = query == null ? "" : query.replaceAll("\\s+", " ").strip();
        return q.length() > 80 ? q.substring(0, 77) + "..." : q;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
