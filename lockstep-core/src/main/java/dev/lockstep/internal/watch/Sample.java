package dev.lockstep.internal.watch;

import java.util.List;
import java.util.Map;

/**
 * What one look at the database found.
 *
 * @param atMs when, in ms from the start of the watch
 * @param rollbacks pg_stat_database's xact_rollback of this database (cumulative), or null when unread
 * @param replicationLagSeconds the largest replay lag of a replica, or null without replicas
 * @param statements cumulative totals per pg_stat_statements queryid, or null when not read
 * @param checks the HTTP and shell checks, in their configured order
 */
record Sample(long atMs, Long rollbacks, Long deadlocks, Integer lockWaiters, Double replicationLagSeconds,
              Map<Long, StatementTotals> statements, List<CheckOutcome> checks) {

    /** Cumulative totals of one statement, summed over users. */
    record StatementTotals(String query, long calls, double totalMs, double sumSquaresMs) {
        StatementTotals minus(StatementTotals earlier) {
            if (earlier == null || earlier.calls > calls) {
                return this; // new, or reset since: everything counts from zero
            }
            return new StatementTotals(query, calls - earlier.calls, totalMs - earlier.totalMs,
                    sumSquaresMs - earlier.sumSquaresMs);
        }

        double mean() {
            return calls == 0 ? 0 : totalMs / calls;
        }

        /** mean + 1.645 standard deviations: the 95th percentile of a normal distribution with these moments. */
        double p95() {
            if (calls == 0) {
                return 0;
            }
            double mean = mean();
            double variance = Math.max(0, sumSquaresMs / calls - mean * mean);
            return mean + 1.645 * Math.sqrt(variance);
        }
    }

    /** @param ms how long it took; {@code ok} false with what went wrong in {@code problem} */
    record CheckOutcome(String name, boolean ok, long ms, String problem) {
    }
}
