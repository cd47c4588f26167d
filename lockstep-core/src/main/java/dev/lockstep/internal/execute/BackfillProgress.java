package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * What a batched backfill's progress line says, and only what is known. The planner's row estimate is
 * not used: right after the migrations that filled a table its statistics are stale, and an estimate
 * of 1,355 rows for 300,000 is what they give. Instead, a table small enough to count cheaply is counted
 * (the total is exact); a larger one with an integer key is measured by how far the walk has got through
 * the key range, from which the total is re-estimated at every report (said to be "about"); otherwise
 * the line gives the rows done so far and the rate, without a total. A percentage never passes 99 before
 * the end, and an ETA is given only with a total.
 */
final class BackfillProgress {
    /** Counting the rows to update in a table up to this size takes well under a second. */
    static final long COUNT_UP_TO_BYTES = 256L * 1024 * 1024;
    private static final Set<String> INTEGER_KEYS = Set.of("smallint", "integer", "bigint");

    private final String label;
    private final String table;
    private final long counted;
    private final BigInteger from;
    private final BigInteger to;

    private BackfillProgress(String label, String table, long counted, BigInteger from, BigInteger to) {
        this.label = label;
        this.table = table;
        this.counted = counted;
        this.from = from;
        this.to = to;
    }

    static BackfillProgress start(Connection c, Backfill.Parts parts, String pk, String label, String resumeAfter,
                                  String pkType) throws SQLException {
        return start(c, parts, pk, label, resumeAfter, pkType, COUNT_UP_TO_BYTES);
    }

    /** Counts the rows to update when the table is small; else notes the key range still to walk. */
    static BackfillProgress start(Connection c, Backfill.Parts parts, String pk, String label, String resumeAfter,
                                  String pkType, long countUpToBytes) throws SQLException {
        String ahead = resumeAfter == null ? "" : pk + " > CAST(? AS " + pkType + ") AND ";
        if (size(c, parts.table()) <= countUpToBytes) {
            String[] row = query(c, "SELECT count(*)::text, NULL FROM " + parts.table() + " WHERE " + ahead + "("
                    + parts.where() + ")", resumeAfter);
            return new BackfillProgress(label, parts.table(), Long.parseLong(row[0]), null, null);
        }
        if (INTEGER_KEYS.contains(pkType)) {
            String[] range = query(c, "SELECT min(" + pk + ")::text, max(" + pk + ")::text FROM " + parts.table(), null);
            if (range[0] != null) {
                BigInteger from = resumeAfter != null ? new BigInteger(resumeAfter)
                        : new BigInteger(range[0]).subtract(BigInteger.ONE);
                return new BackfillProgress(label, parts.table(), -1, from, new BigInteger(range[1]));
            }
        }
        return new BackfillProgress(label, parts.table(), -1, null, null);
    }

    /** The line for {@code done} rows, the walk at key {@code last}, after {@code nanos}. */
    String line(long done, String last, long nanos) {
        long total = total(done, last);
        long rate = rate(done, nanos);
        StringBuilder sb = new StringBuilder(label).append(": backfill of ").append(table).append(": ").append(done);
        if (total > done) {
            sb.append(counted >= 0 ? " of " : " of about ").append(total).append(" rows (")
                    .append(Math.min(99, done * 100 / total)).append("%)");
        } else {
            sb.append(" rows so far");
        }
        sb.append(", ").append(rate).append(" rows/s");
        if (total > done && rate > 0) {
            long seconds = (total - done + rate - 1) / rate;
            sb.append(", ETA ").append(Durations.format(Duration.ofSeconds(seconds)));
        }
        return sb.toString();
    }

    /** The count; or the rows done scaled by the share of the key range walked; or -1 when unknown. */
    private long total(long done, String last) {
        if (counted >= 0) {
            return counted;
        }
        if (from == null || last == null || to.compareTo(from) <= 0) {
            return -1;
        }
        double walked = new BigInteger(last).subtract(from).doubleValue() / to.subtract(from).doubleValue();
        return walked <= 0 || walked >= 1 ? -1 : Math.round(done / walked);
    }

    /** The last line: what was done, how fast. */
    String done(long done, long nanos) {
        return label + ": backfill of " + table + ": " + done + " rows in "
                + Durations.format(Duration.ofNanos(nanos)) + " (" + rate(done, nanos) + " rows/s), done";
    }

    private static long rate(long done, long nanos) {
        return Math.round(done / Math.max(0.001, nanos / 1e9));
    }

    private static long size(Connection c, String table) throws SQLException {
        return Long.parseLong(query(c, "SELECT pg_relation_size(to_regclass(?))::text, NULL", table)[0]);
    }

    private static String[] query(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }
}
