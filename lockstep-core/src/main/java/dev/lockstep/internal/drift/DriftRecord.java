package dev.lockstep.internal.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.DriftStatus;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.state.HistoryRow;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last drift check of a database, kept in its own history schema (the {@code drift} row of
 * {@code lockstep_meta}), so that whoever runs {@code status} against it sees it: when, how many
 * differences, and the newest history row at the time (a later migration makes the check stale).
 */
public final class DriftRecord {
    private static final String KEY = "drift";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftRecord() {
    }

    /** Records a check; false when the database has no history table yet (nothing is created for it). */
    public static boolean save(Connection c, HistoryStore history, Instant checkedAt, int differences,
                               List<HistoryRow> rows) throws SQLException {
        if (!history.exists(c)) {
            return false;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("checkedAt", checkedAt.toString());
        value.put("differences", differences);
        value.put("historyId", newestId(rows));
        String text;
        try {
            text = JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("plain values", e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + meta(history) + " (key, value) VALUES (?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")) {
            ps.setString(1, KEY);
            ps.setString(2, text);
            ps.executeUpdate();
        }
        return true;
    }

    /** The last check, or {@link DriftStatus#UNKNOWN}; stale when history rows were added since. */
    public static DriftStatus read(Connection c, HistoryStore history, List<HistoryRow> rows) throws SQLException {
        if (!history.exists(c)) {
            return DriftStatus.UNKNOWN;
        }
        String text;
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + meta(history) + " WHERE key = ?")) {
            ps.setString(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return DriftStatus.UNKNOWN;
                }
                text = rs.getString(1);
            }
        }
        try {
            JsonNode v = JSON.readTree(text);
            int differences = v.path("differences").asInt();
            boolean stale = newestId(rows) > v.path("historyId").asLong();
            return new DriftStatus(differences == 0 ? "none" : "drift", differences,
                    Instant.parse(v.path("checkedAt").asText()), stale);
        } catch (IOException | RuntimeException e) {
            return DriftStatus.UNKNOWN;
        }
    }

    private static long newestId(List<HistoryRow> rows) {
        return rows.stream().mapToLong(HistoryRow::id).max().orElse(0);
    }

    private static String meta(HistoryStore history) {
        return Identifiers.quote(history.schema()) + ".lockstep_meta";
    }
}
