package dev.lockstep.internal.execute;

import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code ALTER TABLE parent DETACH PARTITION p CONCURRENTLY} (PostgreSQL 14+) commits a first
 * transaction that marks the partition "pending detach" and then waits for every transaction using the
 * parent. Canceled or interrupted there, it leaves the partition pending, and running the statement
 * again fails ("already pending detach"): the only way on is {@code DETACH PARTITION p FINALIZE}, which
 * ends in the state the statement asked for.
 */
final class PendingDetach {
    private PendingDetach() {
    }

    /** The partition a DETACH ... CONCURRENTLY names, as written; null for any other statement. */
    static String partition(SqlStatement s) {
        if (s.info().kind() != StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY || s.info().tables().isEmpty()) {
            return null;
        }
        List<String> w = s.words();
        for (int i = 0; i + 2 < w.size(); i++) {
            if (upper(w.get(i)).equals("DETACH") && upper(w.get(i + 1)).equals("PARTITION")) {
                StringBuilder name = new StringBuilder(w.get(i + 2));
                for (int j = i + 3; j + 1 < w.size() && w.get(j).equals("."); j += 2) {
                    name.append('.').append(w.get(j + 1));
                }
                return name.toString();
            }
        }
        return null;
    }

    /**
     * Before running the statement: when its partition is pending detach, finishes that detach with
     * FINALIZE and returns true (the statement's work is then done); false otherwise.
     */
    static boolean finish(Connection c, SqlStatement s, RunContext ctx, String label) throws SQLException {
        String partition = partition(s);
        if (partition == null || !Boolean.TRUE.equals(pending(c, s.info().tables().get(0), partition))) {
            return false;
        }
        String finalize = "ALTER TABLE " + s.info().tables().get(0) + " DETACH PARTITION " + partition + " FINALIZE";
        ctx.listener().notice(label + ": partition " + partition + " was left pending detach by an interrupted "
                + "DETACH ... CONCURRENTLY; finishing it: " + finalize);
        try (Statement st = c.createStatement()) {
            st.execute(finalize);
        }
        return true;
    }

    /** For an in-doubt DETACH ... CONCURRENTLY: whether the partition is no longer attached (it completed). */
    static boolean detached(Connection c, SqlStatement s) throws SQLException {
        String partition = partition(s);
        return partition != null && pending(c, s.info().tables().get(0), partition) == null
                && exists(c, partition);
    }

    /** TRUE pending, FALSE attached, null when not a partition of the parent (or before 14, unknowable). */
    private static Boolean pending(Connection c, String parent, String partition) throws SQLException {
        if (c.getMetaData().getDatabaseMajorVersion() < 14) {
            return null;
        }
        String sql = "SELECT inhdetachpending FROM pg_inherits WHERE inhrelid = to_regclass(?) AND inhparent = to_regclass(?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, partition);
            ps.setString(2, parent);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
