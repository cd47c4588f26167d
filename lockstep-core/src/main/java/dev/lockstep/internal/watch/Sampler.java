package dev.lockstep.internal.watch;

import dev.lockstep.LockstepConfig;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.RunListener;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the database's counters for one sample, on a session of its own. Its statements carry the
 * comment {@code lockstep:watch} so that pg_stat_statements' own rows of them are left out.
 */
final class Sampler implements AutoCloseable {
    static final String MARK = "/* lockstep:watch */ ";
    private static final String COUNTERS = MARK + "SELECT d.xact_rollback, d.deadlocks, "
            + "(SELECT count(*) FROM pg_stat_activity a WHERE a.datname = current_database() "
            + "AND a.wait_event_type = 'Lock')::int, "
            + "(SELECT EXTRACT(EPOCH FROM max(r.replay_lag))::float8 FROM pg_stat_replication r) "
            + "FROM pg_stat_database d WHERE d.datname = current_database()";

    private final LockstepConfig config;
    private final RunListener listener;
    private final List<String> notes;
    private Session session;
    private Connection connection;
    private String statementsView;
    private boolean statementsLooked;

    /** @param notes where what cannot be watched is said, once each */
    Sampler(LockstepConfig config, RunListener listener, List<String> notes) {
        this.config = config;
        this.listener = listener;
        this.notes = notes;
    }

    /** The counters now; statements all of them ({@code tracked} null) or those tracked only. */
    Sample take(long atMs, long[] tracked, List<Sample.CheckOutcome> checks) {
        try {
            Connection c = connection();
            Long rollbacks = null;
            Long deadlocks = null;
            Integer waiters = null;
            Double lag = null;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(COUNTERS)) {
                if (rs.next()) {
                    rollbacks = rs.getLong(1);
                    deadlocks = rs.getLong(2);
                    waiters = rs.getInt(3);
                    double l = rs.getDouble(4);
                    lag = rs.wasNull() ? null : l;
                }
            }
            return new Sample(atMs, rollbacks, deadlocks, waiters, lag, statements(c, tracked), checks);
        } catch (SQLException | RuntimeException e) {
            note("a sample failed and the next one reconnects: " + e.getMessage());
            close();
            return new Sample(atMs, null, null, null, null, null, checks);
        }
    }

    private Connection connection() {
        if (connection == null) {
            session = Session.open(config, listener, "lockstep watch");
            connection = session.connect();
        }
        return connection;
    }

    private Map<Long, Sample.StatementTotals> statements(Connection c, long[] tracked) throws SQLException {
        if (!statementsLooked) {
            statementsLooked = true;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(MARK + "SELECT n.nspname "
                    + "FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                    + "WHERE e.extname = 'pg_stat_statements'")) {
                if (rs.next()) {
                    statementsView = Identifiers.quote(rs.getString(1)) + ".pg_stat_statements";
                } else {
                    note("pg_stat_statements is not installed in this database, so statement times are not watched "
                            + "(shared_preload_libraries = 'pg_stat_statements', then CREATE EXTENSION "
                            + "pg_stat_statements)");
                }
            }
        }
        if (statementsView == null || (tracked != null && tracked.length == 0)) {
            return null;
        }
        String sql = MARK + "SELECT s.queryid, sum(s.calls)::bigint, sum(s.total_exec_time), "
                + "sum(s.calls * (s.stddev_exec_time ^ 2 + (s.total_exec_time / nullif(s.calls, 0)) ^ 2)), "
                + "min(left(s.query, 300)) FROM " + statementsView + " s "
                + "WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND s.queryid IS NOT NULL AND s.query NOT LIKE '%lockstep:watch%' "
                + (tracked == null ? "" : "AND s.queryid = ANY (?) ") + "GROUP BY s.queryid";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (tracked != null) {
                Long[] ids = new Long[tracked.length];
                for (int i = 0; i < tracked.length; i++) {
                    ids[i] = tracked[i];
                }
                Array array = c.createArrayOf("bigint", ids);
                ps.setArray(1, array);
            }
            Map<Long, Sample.StatementTotals> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new Sample.StatementTotals(rs.getString(5), rs.getLong(2), rs.getDouble(3),
                            rs.getDouble(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            note("pg_stat_statements could not be read, so statement times are not watched: " + e.getMessage());
            statementsView = null;
            return null;
        }
    }

    private void note(String text) {
        synchronized (notes) {
            if (!notes.contains(text)) {
                notes.add(text);
                listener.notice("watch: " + text);
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        session = null;
        connection = null;
    }
}
