package dev.lockstep.internal.adopt;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code keep-history}: during a gradual switch, writes the previous tool's history table after each
 * migration and rollback, as that tool would, so that applications and readiness checks reading it
 * keep working. The table is created as the tool creates it when missing.
 */
public final class HistoryMirror {
    static final List<Tool> SUPPORTED = List.of(Tool.ALEMBIC, Tool.GOLANG_MIGRATE, Tool.SUPABASE, Tool.DBMATE,
            Tool.SCHEMA_MIGRATIONS, Tool.DIESEL);

    private final Tool tool;

    private HistoryMirror(Tool tool) {
        this.tool = tool;
    }

    /** The mirror the setting asks for; null when it is not set. */
    public static HistoryMirror of(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        Tool tool;
        try {
            tool = Tool.of(setting);
        } catch (LockstepException e) {
            tool = null;
        }
        if (tool == null || !SUPPORTED.contains(tool)) {
            throw new LockstepException(ErrorCode.CONFIG, "keep-history: cannot keep the history of '" + setting + "'",
                    "use one of " + String.join(", ", SUPPORTED.stream().map(Tool::id).toList()));
        }
        return new HistoryMirror(tool);
    }

    public Tool tool() {
        return tool;
    }

    /** Creates the tool's table when it is missing, exactly as the tool would. */
    public void prepare(Connection c) throws SQLException {
        List<String> ddl = switch (tool) {
            case ALEMBIC -> List.of("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL, "
                    + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))");
            case GOLANG_MIGRATE -> List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null "
                    + "primary key, dirty boolean not null)");
            case SUPABASE -> List.of("CREATE SCHEMA IF NOT EXISTS supabase_migrations",
                    "CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY)",
                    "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[]",
                    "ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text");
            case DIESEL -> List.of("CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY "
                    + "KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            default -> List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) primary key)");
        };
        try (Statement st = c.createStatement()) {
            for (String sql : ddl) {
                st.execute(sql);
            }
        }
    }

    /**
     * Before a run: brings the table up to the history as it stands (every applied version recorded, the
     * head for a one-row table), so that it is whole even if it was started late or a run stopped early.
     */
    public void sync(Connection c, List<ResolvedMigration> applied) throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        if (tool == Tool.ALEMBIC || tool == Tool.GOLANG_MIGRATE) {
            ResolvedMigration head = applied.get(applied.size() - 1);
            record(c, head, true, head);
            return;
        }
        for (ResolvedMigration m : applied) {
            record(c, m, true, null);
        }
    }

    /**
     * After {@code m} was applied ({@code up}) or rolled back; {@code head} is the highest version applied
     * now (null when none is).
     */
    public void record(Connection c, ResolvedMigration m, boolean up, ResolvedMigration head) throws SQLException {
        if (m.version() == null) {
            return;
        }
        switch (tool) {
            case ALEMBIC -> replace(c, "DELETE FROM alembic_version", "INSERT INTO alembic_version (version_num) "
                    + "VALUES (?)", head == null ? null : AlembicRevision.of(head));
            case GOLANG_MIGRATE -> replace(c, "TRUNCATE schema_migrations", "INSERT INTO schema_migrations (version, "
                    + "dirty) VALUES (?::bigint, false)", head == null ? null : wholeNumber(head));
            case SUPABASE -> {
                if (up) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO supabase_migrations.schema_migrations "
                            + "(version, name, statements) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING")) {
                        ps.setString(1, m.version().text());
                        ps.setString(2, m.description().replace(' ', '_'));
                        List<SqlStatement> statements = new StatementSplitter().split(m.up().text()).statements();
                        Array array = c.createArrayOf("text", statements.stream().map(SqlStatement::sql).toArray());
                        ps.setArray(3, array);
                        ps.executeUpdate();
                    }
                } else {
                    delete(c, "supabase_migrations.schema_migrations", m.version().text());
                }
            }
            case DIESEL -> upsertOrDelete(c, "__diesel_schema_migrations", DieselVersion.of(m), up);
            default -> upsertOrDelete(c, "schema_migrations", m.version().text(), up);
        }
    }

    /** The version golang-migrate reads from the file's name (its leading digits). */
    private static String wholeNumber(ResolvedMigration m) {
        String v = GolangMigrateVersion.of(m);
        if (v == null) {
            throw new LockstepException(ErrorCode.CONFIG, "keep-history golang-migrate: " + m.script() + " does not "
                    + "start with a whole number, the version golang-migrate's table needs",
                    "name migrations as golang-migrate does (0001_name.up.sql), or keep another tool's history");
        }
        return v;
    }

    private static void replace(Connection c, String clear, String insert, String value) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(clear);
        }
        if (value != null) {
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, value);
                ps.executeUpdate();
            }
        }
    }

    private static void upsertOrDelete(Connection c, String table, String version, boolean up) throws SQLException {
        if (!up) {
            delete(c, table, version);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (version) VALUES (?) "
                + "ON CONFLICT (version) DO NOTHING")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String table, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            ps.setString(1, version);
            ps.executeUpdate();
        }
    }
}
