package dev.lockstep.internal.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Appends one JSON line per deploy step to the audit log: who, where, what, when, outcome; with
 * {@code audit-table}, also a row in {@code <history schema>.lockstep_audit}. Writing the audit never
 * fails a deploy: a failure is reported as a notice.
 */
final class AuditLog {
    static final String TABLE = "lockstep_audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final LockstepConfig tableConfig;
    private final RunListener listener;

    /** @param tableConfig the target whose history schema gets the audit table, or null for the file only */
    AuditLog(Path file, LockstepConfig tableConfig, RunListener listener) {
        this.file = file;
        this.tableConfig = tableConfig;
        this.listener = listener;
    }

    void append(Map<String, Object> entry) {
        String line;
        try {
            line = JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entries are plain values", e);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            listener.notice("could not write the audit log " + file + ": " + e.getMessage());
        }
        if (tableConfig != null) {
            insert(entry, line);
        }
    }

    /** Creates the audit table in the history schema unless it exists; returns its qualified name. */
    static String createTable(Connection c, String schema) throws SQLException {
        String table = Identifiers.quote(schema) + "." + TABLE;
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY "
                    + "KEY, run_id text NOT NULL, step text NOT NULL, outcome text NOT NULL, "
                    + "recorded_at timestamptz NOT NULL DEFAULT now(), entry jsonb NOT NULL)");
        }
        return table;
    }

    private void insert(Map<String, Object> entry, String line) {
        String table = Identifiers.quote(tableConfig.get(Setting.HISTORY_SCHEMA)) + "." + TABLE;
        try (Session session = Session.open(tableConfig, listener, "lockstep audit")) {
            Connection c = session.connect();
            createTable(c, tableConfig.get(Setting.HISTORY_SCHEMA));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                    + " (run_id, step, outcome, entry) VALUES (?, ?, ?, ?::jsonb)")) {
                ps.setString(1, String.valueOf(entry.get("runId")));
                ps.setString(2, String.valueOf(entry.get("step")));
                ps.setString(3, String.valueOf(entry.get("outcome")));
                ps.setString(4, line);
                ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            listener.notice("could not write the audit table " + table + ": " + e.getMessage());
        }
    }
}
