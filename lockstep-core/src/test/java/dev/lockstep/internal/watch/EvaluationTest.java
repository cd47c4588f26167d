package dev.lockstep.internal.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.WatchReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The watch's arithmetic on made-up samples: rates, regressions, and breaches that must last. */
class EvaluationTest {
    private static final Thresholds ROLLBACKS_5 = new Thresholds(5.0, null, null, null, null, 5, 10, 2);

    /** Samples every 500 ms with the given cumulative rollback counts. */
    private static List<Sample> rollbacks(long... counts) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            out.add(new Sample(i * 500L, counts[i], 0L, 0, null, null, List.of()));
        }
        return out;
    }

    @Test
    void aRateSpansAtLeastASecondSoThatStatisticsFlushedOnceASecondDoNotAlias() {
        var r = new Evaluation(rollbacks(0, 0, 10, 10, 20), 0, null, ROLLBACKS_5, null, List.of()).evaluate();
        WatchReport.Series rate = r.series().get(0);
        // 0 and 500 ms have no sample a second before them; then (10 - 0) / 1 s, (10 - 0) / 1 s, (20 - 10) / 1 s
        assertThat(rate.points()).extracting(WatchReport.Point::value).containsExactly(null, null, 10.0, 10.0, 10.0);
    }

    @Test
    void aBreachCountsOnlyAfterTheMigrationAndOnlyWhenItLastsBreachSamples() {
        // rollbacks rise during the migration (1000..1500 ms) and once after it, then for good
        List<Sample> samples = rollbacks(0, 0, 50, 100, 100, 100, 100, 200, 300);
        var once = new Evaluation(samples.subList(0, 7), 1000, 1500L, ROLLBACKS_5, null, List.of()).evaluate();
        assertThat(once.breach()).isNull();
        var lasting = new Evaluation(samples, 1000, 1500L, ROLLBACKS_5, null, List.of()).evaluate();
        assertThat(lasting.breach()).isEqualTo("rollbacks/s 200 above max-rollback-rate 5 (2 samples in a row, "
                + "2.5s after the migration)");
    }

    @Test
    void aStatementsRegressionComparesItsMeanSinceTheMigrationWithTheBaseline() {
        Thresholds t = new Thresholds(null, null, null, null, 0.2, 5, 10, 1);
        List<Sample> s = List.of(stmt(0, 0, 0), stmt(1000, 100, 50), stmt(2000, 100, 50), stmt(3000, 120, 80),
                stmt(4000, 140, 110));
        long[] top = Evaluation.topStatements(s.get(0), s.get(1), 5, 10);
        assertThat(top).containsExactly(42L);
        var r = new Evaluation(s, 1000, 2000L, t, top, List.of()).evaluate();
        // baseline 0.5 ms per call; since the migration 60 ms over 40 calls = 1.5 ms: 200% slower
        assertThat(r.breach()).startsWith("statement SELECT 1 is 200% slower than before the migration (mean 1.50 ms, "
                + "was 0.50 ms)");
        WatchReport.Statement st = r.statements().get(0);
        assertThat(st.baselineCalls()).isEqualTo(100);
        assertThat(st.afterCalls()).isEqualTo(40);
        assertThat(st.regression()).isEqualTo(2.0);
    }

    @Test
    void aStatementWithTooFewCallsIsNotCompared() {
        Thresholds t = new Thresholds(null, null, null, null, 0.2, 5, 50, 1);
        List<Sample> s = List.of(stmt(0, 0, 0), stmt(1000, 100, 50), stmt(2000, 100, 50), stmt(3000, 120, 80));
        var r = new Evaluation(s, 1000, 2000L, t, new long[] {42}, List.of()).evaluate();
        assertThat(r.breach()).isNull();
        assertThat(r.statements().get(0).regression()).isNull();
    }

    private static Sample stmt(long at, long calls, double totalMs) {
        return new Sample(at, 0L, 0L, 0, null, Map.of(42L, new Sample.StatementTotals("SELECT 1", calls, totalMs,
                totalMs * totalMs / Math.max(1, calls))), List.of());
    }
}
