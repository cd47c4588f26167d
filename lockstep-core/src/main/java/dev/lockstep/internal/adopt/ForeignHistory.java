package dev.lockstep.internal.adopt;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads another tool's history table as that tool writes it, oldest row first. */
public final class ForeignHistory {
    private ForeignHistory() {
    }

    /** {@code a.b} as {@code "a"."b"}; parts already quoted stay as written. */
    static String quoted(String table) {
        List<String> parts = new ArrayList<>();
        for (String part : table.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            parts.add(part.startsWith("\"") ? part : Identifiers.quote(part));
        }
        return String.join(".", parts);
    }

    /** Whether the table exists (on the search path when unqualified). */
    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, quoted(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public static List<ForeignRow> read(Connection c, Tool tool, String table, String database) throws SQLException {
        if (!exists(c, table)) {
            throw new LockstepException(ErrorCode.USAGE, "there is no " + table + " table in " + database
                    + " to import " + tool.display() + "'s history from", "name the table with --table [schema.]name "
                    + "if " + tool.display() + " was configured to use another one");
        }
        String t = quoted(table);
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            switch (tool) {
                case FLYWAY -> {
                    try (ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, type, script, "
                            + "checksum, installed_by, installed_on, success FROM " + t + " ORDER BY installed_rank")) {
                        while (rs.next()) {
                            String type = rs.getString(4);
                            String version = rs.getString(2);
                            Object checksum = rs.getObject(6);
                            String label = "installed_rank " + rs.getInt(1) + " (" + (version == null ? "" : "version "
                                    + version + ", ") + rs.getString(5) + ")";
                            rows.add(new ForeignRow(version != null ? version : "R:" + rs.getString(3), label, type,
                                    rs.getBoolean(9) ? null : "failed (success = false)", type.startsWith("UNDO") || type.equals("DELETE"),
                                    checksum == null ? null : checksum.toString(), instant(rs.getTimestamp(8)),
                                    rs.getString(7)));
                        }
                    }
                }
                case LIQUIBASE -> {
                    try (ResultSet rs = st.executeQuery("SELECT id, author, filename, dateexecuted, exectype "
                            + "FROM " + t + " ORDER BY orderexecuted")) {
                        while (rs.next()) {
                            String exec = rs.getString(5);
                            rows.add(new ForeignRow(rs.getString(3), "changeset " + rs.getString(3) + "::" + rs.getString(1)
                                    + "::" + rs.getString(2), exec, exec.equals("FAILED") ? "failed (EXECTYPE FAILED)" : null, exec.equals("SKIPPED"), null,
                                    instant(rs.getTimestamp(4)), rs.getString(2)));
                        }
                    }
                }
                case ALEMBIC -> {
                    try (ResultSet rs = st.executeQuery("SELECT version_num FROM " + t)) {
                        while (rs.next()) {
                            rows.add(new ForeignRow(rs.getString(1), "version_num " + rs.getString(1), "", null, false,
                                    null, null, null));
                        }
                    }
                }
                case GOLANG_MIGRATE -> {
                    try (ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + t)) {
                        while (rs.next()) {
                            boolean dirty = rs.getBoolean(2);
                            rows.add(new ForeignRow(String.valueOf(rs.getLong(1)), "version " + rs.getLong(1), "",
                                    dirty ? "is dirty" : null, false, null, null, null));
                        }
                    }
                }
                case GOOSE -> {
                    // A row per up and per down, oldest first; version 0 is the row goose starts its table with.
                    try (ResultSet rs = st.executeQuery("SELECT version_id, is_applied, tstamp FROM " + t
                            + " WHERE version_id <> 0 ORDER BY id")) {
                        while (rs.next()) {
                            rows.add(new ForeignRow(String.valueOf(rs.getLong(1)), "version_id " + rs.getLong(1), "",
                                    null, !rs.getBoolean(2), null, instant(rs.getTimestamp(3)), null));
                        }
                    }
                }
                case DBMATE, SUPABASE, SCHEMA_MIGRATIONS -> {
                    try (ResultSet rs = st.executeQuery("SELECT version::text FROM " + t + " ORDER BY 1")) {
                        while (rs.next()) {
                            rows.add(new ForeignRow(rs.getString(1), "version " + rs.getString(1), "", null, false,
                                    null, null, null));
                        }
                    }
                }
                case DIESEL -> {
                    try (ResultSet rs = st.executeQuery("SELECT version, run_on FROM " + t + " ORDER BY version")) {
                        while (rs.next()) {
                            rows.add(new ForeignRow(rs.getString(1), "version " + rs.getString(1), "", null, false,
                                    null, instant(rs.getTimestamp(2)), null));
                        }
                    }
                }
                case PRISMA -> {
                    try (ResultSet rs = st.executeQuery("SELECT migration_name, checksum, started_at, finished_at, "
                            + "rolled_back_at FROM " + t + " ORDER BY started_at, migration_name")) {
                        while (rs.next()) {
                            boolean rolledBack = rs.getTimestamp(5) != null;
                            boolean finished = rs.getTimestamp(4) != null;
                            rows.add(new ForeignRow(rs.getString(1), "migration_name " + rs.getString(1), "",
                                    !finished && !rolledBack ? "is not finished (it failed or is still running)" : null,
                                    rolledBack, rs.getString(2), instant(rs.getTimestamp(4)), null));
                        }
                    }
                }
                default -> throw new IllegalStateException(tool.name());
            }
        }
        return rows;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
