package dev.lockstep.internal.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.internal.pg.Identifiers;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What belongs to a database rather than to its contents, and so is not in a pg_dump archive: encoding
 * and locale, owner, privileges (CONNECT, CREATE, TEMP), {@code ALTER DATABASE ... SET} and
 * {@code ALTER ROLE ... IN DATABASE ... SET} settings, comment and connection limit. A restore creates its
 * new database with the encoding and locale of the one it replaces and gives it the rest before the swap.
 * Read from {@code pg_database} as JSON, so that the columns of every server version are found by name.
 */
final class DatabaseProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings whose stored value is a list written as SQL; the others are written as one string. */
    private static final Set<String> LIST_SETTINGS = Set.of("search_path", "temp_tablespaces",
            "local_preload_libraries", "session_preload_libraries");

    private final JsonNode row;
    private final String tablespace;
    private final String comment;
    private final List<String> grants;
    private final List<String[]> settings;

    private DatabaseProperties(JsonNode row, String tablespace, String comment, List<String> grants,
                               List<String[]> settings) {
        this.row = row;
        this.tablespace = tablespace;
        this.comment = comment;
        this.grants = grants;
        this.settings = settings;
    }

    /** The properties of {@code database}, read on a connection to another database of the server. */
    static DatabaseProperties of(Connection admin, String database) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT to_jsonb(d)::text, t.spcname, "
                + "shobj_description(d.oid, 'pg_database'), pg_get_userbyid(d.datdba), d.datacl IS NOT NULL, "
                + "pg_encoding_to_char(d.encoding) FROM pg_database d JOIN pg_tablespace t ON t.oid = d.dattablespace WHERE d.datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode row = JSON.readTree(rs.getString(1));
                ((ObjectNode) row).put("owner", rs.getString(4)).put("encodingName", rs.getString(6));
                List<String> grants = rs.getBoolean(5) ? grants(admin, database) : null;
                return new DatabaseProperties(row, rs.getString(2), rs.getString(3), grants, settings(admin, database));
            }
        } catch (IOException e) {
            throw new IllegalStateException("pg_database as JSON could not be read", e);
        }
    }

    String owner() {
        return text("owner");
    }

    /** CREATE DATABASE with this database's encoding, locale and tablespace, from template0. */
    String createSql(String name) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(Identifiers.quote(name))
                .append(" TEMPLATE template0 ENCODING ").append(literal(text("encodingName")))
                .append(" LC_COLLATE ").append(literal(text("datcollate")))
                .append(" LC_CTYPE ").append(literal(text("datctype")));
        String provider = text("datlocprovider");
        String locale = row.hasNonNull("datlocale") ? text("datlocale") : text("daticulocale");
        if ("i".equals(provider)) {
            sql.append(" LOCALE_PROVIDER icu ICU_LOCALE ").append(literal(locale));
            if (row.hasNonNull("daticurules")) {
                sql.append(" ICU_RULES ").append(literal(text("daticurules")));
            }
        } else if ("b".equals(provider)) {
            sql.append(" LOCALE_PROVIDER builtin BUILTIN_LOCALE ").append(literal(locale));
        }
        if (tablespace != null && !tablespace.equals("pg_default")) {
            sql.append(" TABLESPACE ").append(Identifiers.quote(tablespace));
        }
        return sql.toString();
    }

    /**
     * Gives database {@code name} these properties; returns what could not be given (e.g. an owner the
     * restoring role may not hand the database to), each as a sentence.
     */
    List<String> applyTo(Connection admin, String name) {
        String db = Identifiers.quote(name);
        List<String> notes = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        sql.add("ALTER DATABASE " + db + " OWNER TO " + Identifiers.quote(owner()));
        if (grants != null) {
            sql.add("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
            grants.forEach(g -> sql.add(g.replace("%DB%", db)));
        }
        for (String[] s : settings) {
            String value = LIST_SETTINGS.contains(s[1]) ? s[2] : literal(s[2]);
            sql.add((s[0] == null ? "ALTER DATABASE " + db : "ALTER ROLE " + Identifiers.quote(s[0]) + " IN DATABASE "
                    + db) + " SET " + Identifiers.quote(s[1]) + " TO " + value);
        }
        if (comment != null) {
            sql.add("COMMENT ON DATABASE " + db + " IS " + literal(comment));
        }
        int limit = row.path("datconnlimit").asInt(-1);
        if (limit != -1) {
            sql.add("ALTER DATABASE " + db + " CONNECTION LIMIT " + limit);
        }
        try (Statement st = admin.createStatement()) {
            for (String s : sql) {
                try {
                    st.execute(s);
                } catch (SQLException e) {
                    notes.add("could not carry over the database property '" + s + "': " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            notes.add("could not carry over the database's properties: " + e.getMessage());
        }
        return notes;
    }

    private static List<String> grants(Connection admin, String database) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement("SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN "
                + "'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.is_grantable FROM pg_database d, "
                + "aclexplode(d.datacl) a WHERE d.datname = ? ORDER BY 2, 1")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("GRANT " + rs.getString(1) + " ON DATABASE %DB% TO " + rs.getString(2)
                            + (rs.getBoolean(3) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        return out;
    }

    /** {role or null, name, value} of each setting of the database. */
    private static List<String[]> settings(Connection admin, String database) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement("SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE "
                + "pg_get_userbyid(s.setrole) END, c FROM pg_db_role_setting s JOIN pg_database d ON d.oid = "
                + "s.setdatabase, unnest(s.setconfig) c WHERE d.datname = ? ORDER BY 1 NULLS FIRST, 2")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String c = rs.getString(2);
                    int eq = c.indexOf('=');
                    out.add(new String[] {rs.getString(1), c.substring(0, eq), c.substring(eq + 1)});
                }
            }
        }
        return out;
    }

    private String text(String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
