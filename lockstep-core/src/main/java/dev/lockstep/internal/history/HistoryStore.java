package dev.lockstep.internal.history;

import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.internal.state.TargetState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads and writes the history table {@code <schema>.lockstep_history}. */
public final class HistoryStore {
    private static final String COLUMNS = "id, version, description, kind, script, checksum, checksum_algorithm, "
            + "transactional, installed_by, started_at, finished_at, duration_ms, success, statements_applied, "
            + "statements_total, applied_hash, in_flight, error_sqlstate, error_message, run_id, tool_version, "
            // Read through to_jsonb so that a table of the first format (without these columns) still reads.
            + "to_jsonb(h) ->> 'batch_position', (to_jsonb(h) ->> 'rows_done')::bigint";

    private final String schema;
    private final String table;

    public HistoryStore(String schema) {
        this.schema = schema;
        this.table = Identifiers.quote(schema) + ".lockstep_history";
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    public boolean exists(Connection c) throws SQLException {
        return relationExists(c, "lockstep_history");
    }

    /** From the catalogs by name: to_regclass would fail outright without USAGE on the schema. */
    private boolean relationExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_class t JOIN pg_namespace n "
                + "ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ?)")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The history format recorded in lockstep_meta; null when there is no such table or value. */
    private String format(Connection c) throws SQLException {
        if (!relationExists(c, "lockstep_meta")) {
            return null;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT value FROM "
                + Identifiers.quote(schema) + ".lockstep_meta WHERE key = 'history_format'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Creates the schema and tables if they are missing, or brings a table of an older format up to
     * date (adds what the current format has). Called under the runner lock, before a run.
     */
    public void ensure(Connection c) throws SQLException {
        if (!exists(c)) {
            create(c);
            return;
        }
        String format = format(c);
        HistoryRowCheck.format(table, Identifiers.quote(schema) + ".lockstep_meta", format);
        if (!CURRENT_FORMAT.equals(format)) {
            create(c);
        }
    }

    static final String CURRENT_FORMAT = "2";

    /** Records how far a batched backfill got, in the transaction of the batch. */
    public void markBatch(Connection c, long id, String position, long rows) throws SQLException {
        updateRow(c, id, "batch_position = ?, rows_done = coalesce(rows_done, 0) + ?", position, rows);
    }

    /** Carries a resumed backfill's position and count over to the row of the run that resumes it. */
    public void startBatchAt(Connection c, long id, String position, Long rows) throws SQLException {
        updateRow(c, id, "batch_position = ?, rows_done = ?", position, rows);
    }

    /**
     * Creates the schema and tables if they are missing. Runs in its own transaction. A schema that
     * exists (one an administrator created and granted CREATE on) is used as it is: even CREATE SCHEMA
     * IF NOT EXISTS needs CREATE on the database.
     */
    public void create(Connection c) throws SQLException {
        boolean schemaExists;
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                schemaExists = rs.getBoolean(1);
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            for (SqlStatement s : new StatementSplitter().split(ddl()).statements()) {
                if (!(schemaExists && s.words().size() >= 2 && s.words().get(0).equalsIgnoreCase("CREATE")
                        && s.words().get(1).equalsIgnoreCase("SCHEMA"))) {
                    st.execute(s.sql());
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    String ddl() {
        try (InputStream in = HistoryStore.class.getResourceAsStream("history.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{schema}", Identifiers.quote(schema));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files reconciled with every row of the history. */
    public TargetState readState(Connection c, MigrationSet files) throws SQLException {
        return TargetState.of(files, readAll(c));
    }

    /**
     * Every row, oldest first; empty when the table does not exist yet. Rows or a format Lockstep cannot
     * have written are refused (exit 5), naming them.
     */
    public List<HistoryRow> readAll(Connection c) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        HistoryRowCheck.format(table, Identifiers.quote(schema) + ".lockstep_meta", format(c));
        HistoryRowCheck check = new HistoryRowCheck(table);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + table + " h ORDER BY id")) {
            while (rs.next()) {
                HistoryKind kind = check.check(rs.getLong(1), rs.getString(2), rs.getString(4), rs.getString(6),
                        rs.getString(7));
                if (kind == null) {
                    continue;
                }
                rows.add(new HistoryRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        kind, rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBoolean(8), rs.getString(9), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                        (Long) rs.getObject(12), rs.getBoolean(13), rs.getInt(14), rs.getInt(15), rs.getString(16),
                        (Integer) rs.getObject(17), rs.getString(18), rs.getString(19), rs.getString(20),
                        rs.getString(21), rs.getString(22), (Long) rs.getObject(23)));
            }
        }
        check.done();
        return rows;
    }

    /** Inserts a row for an execution that has started; returns its id. */
    public long insert(Connection c, NewRow r, boolean success, int statementsApplied, String appliedHash,
                       Instant finishedAt) throws SQLException {
        String sql = "INSERT INTO " + table + " (version, description, kind, script, checksum, checksum_algorithm, "
                + "transactional, installed_by, started_at, finished_at, duration_ms, success, statements_applied, "
                + "statements_total, applied_hash, run_id, tool_version) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid, ?) RETURNING id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.version());
            ps.setString(2, r.description());
            ps.setString(3, r.kind().dbName());
            ps.setString(4, r.script());
            ps.setString(5, r.checksum());
            ps.setString(6, r.checksumAlgorithm());
            ps.setBoolean(7, r.transactional());
            ps.setString(8, r.installedBy());
            ps.setTimestamp(9, Timestamp.from(r.startedAt()));
            if (finishedAt == null) {
                ps.setNull(10, Types.TIMESTAMP);
                ps.setNull(11, Types.BIGINT);
            } else {
                ps.setTimestamp(10, Timestamp.from(finishedAt));
                ps.setLong(11, finishedAt.toEpochMilli() - r.startedAt().toEpochMilli());
            }
            ps.setBoolean(12, success);
            ps.setInt(13, statementsApplied);
            ps.setInt(14, r.statementsTotal());
            ps.setString(15, appliedHash);
            ps.setString(16, r.runId());
            ps.setString(17, r.toolVersion());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The INSERT of a successful execution as one literal statement, so that it can travel in the same
     * pipelined batch as the migration's statements and its COMMIT. Literals are escape strings
     * ({@code E'...'}), which read the same whatever {@code standard_conforming_strings} says. The times
     * are the server's: the transaction's start and the moment the INSERT runs, after the statements.
     */
    public String insertSucceededSql(NewRow r, int statementsApplied, String appliedHash) {
        return "INSERT INTO " + table + " (version, description, kind, script, checksum, checksum_algorithm, "
                + "transactional, installed_by, started_at, finished_at, duration_ms, success, statements_applied, "
                + "statements_total, applied_hash, run_id, tool_version) VALUES ("
                + literal(r.version()) + ", " + literal(r.description()) + ", " + literal(r.kind().dbName()) + ", "
                + literal(r.script()) + ", " + literal(r.checksum()) + ", " + literal(r.checksumAlgorithm()) + ", "
                + r.transactional() + ", " + literal(r.installedBy()) + ", transaction_timestamp(), clock_timestamp(), "
                + "(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::bigint, true, "
                + statementsApplied + ", "
                + r.statementsTotal() + ", " + literal(appliedHash) + ", " + literal(r.runId()) + "::uuid, "
                + literal(r.toolVersion()) + ")";
    }

    static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Records that statement {@code index} (0-based) is about to be sent. */
    public void markInFlight(Connection c, long id, int index) throws SQLException {
        updateRow(c, id, "in_flight = ?", index);
    }

    /** Records that the first {@code applied} statements are done, with the hash of their text. */
    public void markProgress(Connection c, long id, int applied, String appliedHash) throws SQLException {
        updateRow(c, id, "statements_applied = ?, applied_hash = ?, in_flight = NULL", applied, appliedHash);
    }

    /** Ends an execution. A statement that failed with an error is known not to have happened: nothing is in flight. */
    public void markFinished(Connection c, long id, Instant startedAt, Instant finishedAt, boolean success,
                             String sqlState, String message) throws SQLException {
        updateRow(c, id, "finished_at = ?, duration_ms = ?, success = ?, error_sqlstate = ?, error_message = ?, "
                + "in_flight = NULL", Timestamp.from(finishedAt), finishedAt.toEpochMilli() - startedAt.toEpochMilli(),
                success, sqlState, message);
    }

    /** Records a failed execution in a row of its own (the transaction that tried it was rolled back). */
    public void insertFailure(Connection c, NewRow r, Instant finishedAt, String sqlState, String message)
            throws SQLException {
        long id = insert(c, r, false, 0, null, finishedAt);
        markFinished(c, id, r.startedAt(), finishedAt, false, sqlState, message);
    }

    public int deleteFailed(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate("DELETE FROM " + table + " WHERE NOT success");
        }
    }

    public void updateChecksum(Connection c, long id, String checksum, String algorithm) throws SQLException {
        updateRow(c, id, "checksum = ?, checksum_algorithm = ?", checksum, algorithm);
    }

    /** {@code UPDATE <history> SET <assignments> WHERE id = ?}, the values bound in order, nulls as NULL. */
    private void updateRow(Connection c, long id, String assignments, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + assignments + " WHERE id = ?")) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.setLong(values.length + 1, id);
            ps.executeUpdate();
        }
    }

    public static String newRunId() {
        return UUID.randomUUID().toString();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
