package dev.lockstep.internal.history;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database that has objects of its own but no Lockstep history: one managed by hand or another tool,
 * or one whose history schema was dropped, or the wrong database or history schema. Running every
 * migration from the first on it would fail half-way or, worse, apply twice what is already there, so
 * {@code migrate} refuses unless told that the objects are expected ({@code allow-non-empty}).
 */
public final class UnmanagedDatabase {
    /** History tables of other tools, by table name, with the {@code import --from} value that adopts them. */
    private static final Map<String, String> OTHER_TOOLS = Map.of(
            "flyway_schema_history", "flyway", "databasechangelog", "liquibase", "alembic_version", "alembic",
            "schema_migrations", "schema_migrations", "__diesel_schema_migrations", "diesel",
            "_prisma_migrations", "prisma", "goose_db_version", "goose");
    private static final int NAMED = 5;

    private UnmanagedDatabase() {
    }

    /** Throws (exit 5) when the database has objects outside the system schemas and the history schema. */
    public static void refuse(Connection c, HistoryStore history, String database, boolean allowNonEmpty)
            throws SQLException {
        if (allowNonEmpty) {
            return;
        }
        // Relations, routines and types of the database's own: not in a system schema, not the history's,
        // not part of an extension, not the row types and arrays that come with tables.
        String sql = "SELECT o.kind, o.name, o.bare FROM ("
                + "SELECT 'relation' AS kind, format('%I.%I', n.nspname, c.relname) AS name, c.relname::text AS bare, "
                + "c.oid AS oid, 'pg_class'::regclass AS cls, n.nspname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "UNION ALL SELECT 'routine', format('%I.%I', n.nspname, p.proname), p.proname::text, p.oid, "
                + "'pg_proc'::regclass, n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "UNION ALL SELECT 'type', format('%I.%I', n.nspname, t.typname), t.typname::text, t.oid, "
                + "'pg_type'::regclass, n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class "
                + "WHERE oid = t.typrelid) = 'c')) o "
                + "WHERE o.nspname NOT LIKE 'pg\\_%' AND o.nspname <> 'information_schema' AND o.nspname <> ? "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.cls AND d.objid = o.oid "
                + "AND d.deptype = 'e') ORDER BY 1, 2";
        List<String> names = new ArrayList<>();
        String otherTool = null;
        String otherTable = null;
        String otherHistory = null;
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, history.schema());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (names.size() < NAMED) {
                        names.add(rs.getString(2));
                    }
                    boolean relation = rs.getString(1).equals("relation");
                    if (relation && rs.getString(3).equals("lockstep_history") && otherHistory == null) {
                        otherHistory = rs.getString(2);
                    }
                    String tool = relation ? OTHER_TOOLS.get(rs.getString(3)) : null;
                    if ("schema_migrations".equals(tool) && rs.getString(2).startsWith("supabase_migrations.")) {
                        tool = "supabase";
                    }
                    if (tool != null && otherTool == null) {
                        otherTool = tool;
                        otherTable = rs.getString(2);
                    }
                }
            }
        }
        if (count == 0) {
            return;
        }
        String objects = count + " object" + (count == 1 ? "" : "s") + " (" + String.join(", ", names)
                + (count > names.size() ? ", ..." : "") + ")";
        String hint = otherHistory != null
                ? otherHistory + " is a Lockstep history: if it is this project's, pass --history-schema "
                        + otherHistory.substring(0, otherHistory.lastIndexOf('.'))
                : "schema_migrations".equals(otherTool)
                ? otherTable + " is another tool's history (golang-migrate, dbmate, Rails and others keep one of that "
                        + "name): adopt it with 'lockstep import --from golang-migrate', '--from dbmate' or '--from "
                        + "schema_migrations', or mark the database as being at a version with 'lockstep baseline V'"
                : otherTool != null
                ? otherTable + " is " + otherTool + "'s history: adopt it with 'lockstep import --from " + otherTool
                        + "', or mark the database as being at a version with 'lockstep baseline V'"
                : "if the history is in another schema, pass --history-schema; if this database was set up without "
                        + "Lockstep, mark it as being at a version with 'lockstep baseline V'";
        throw new LockstepException(ErrorCode.VALIDATION, database + " has " + objects + " but no Lockstep history in "
                + history.table() + ": running every migration from the first would apply again what is there",
                hint + "; if the objects are expected, pass --allow-non-empty; nothing was applied");
    }
}
