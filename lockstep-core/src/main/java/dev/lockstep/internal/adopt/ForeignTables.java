package dev.lockstep.internal.adopt;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the history tables of other tools in a database: the sign that a database Lockstep has no
 * history for was migrated by something else, whose work a plain {@code migrate} would repeat.
 */
public final class ForeignTables {
    /** One tool's table and how many rows it has. */
    public record Found(Tool tool, String table, long rows) {
    }

    private ForeignTables() {
    }

    /** Every such table with at least one row. */
    public static List<Found> find(Connection c) throws SQLException {
        String sql = "SELECT n.nspname, c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid "
                + "AND a.attname = 'dirty' AND NOT a.attisdropped), EXISTS (SELECT 1 FROM pg_attribute a "
                + "WHERE a.attrelid = c.oid AND a.attname = 'version_id' AND NOT a.attisdropped) "
                + "FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND c.relname IN ('flyway_schema_history', "
                + "'databasechangelog', 'alembic_version', 'schema_migrations', '__diesel_schema_migrations', "
                + "'_prisma_migrations', 'goose_db_version') AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2";
        List<Found> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String[]> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3)),
                        String.valueOf(rs.getBoolean(4))});
            }
            for (String[] t : tables) {
                Tool tool = switch (t[1]) {
                    case "flyway_schema_history" -> Tool.FLYWAY;
                    case "databasechangelog" -> Tool.LIQUIBASE;
                    case "alembic_version" -> Tool.ALEMBIC;
                    case "__diesel_schema_migrations" -> Tool.DIESEL;
                    case "_prisma_migrations" -> Tool.PRISMA;
                    case "goose_db_version" -> Tool.GOOSE;
                    default -> t[0].equals("supabase_migrations") ? Tool.SUPABASE
                            : Boolean.parseBoolean(t[2]) ? Tool.GOLANG_MIGRATE : Tool.SCHEMA_MIGRATIONS;
                };
                String table = t[0] + "." + t[1];
                long rows;
                // goose starts its table with a row for version 0: only the rows after it record migrations.
                try (ResultSet count = st.executeQuery("SELECT count(*) FROM " + ForeignHistory.quoted(table)
                        + (tool == Tool.GOOSE && Boolean.parseBoolean(t[3]) ? " WHERE version_id <> 0" : ""))) {
                    count.next();
                    rows = count.getLong(1);
                }
                if (rows > 0) {
                    found.add(new Found(tool, table, rows));
                }
            }
        }
        return found;
    }
}
