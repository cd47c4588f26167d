package dev.lockstep.internal.history;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run that writes needs of the database before it writes anything: a session that may write, and
 * the privileges to write the history table, or to create it (CREATE on its schema when an administrator
 * made the schema beforehand, else CREATE on the database). {@code migrate} refuses with a configuration
 * error when one is missing; {@code preflight} reports the same finding.
 */
public final class HistoryAccess {
    /**
     * @param measured what was found, for a report
     * @param problem what is missing, or null when nothing is
     * @param hint what to do about it, or null
     */
    public record Verdict(String measured, String problem, String hint) {
        public boolean ok() {
            return problem == null;
        }
    }

    private HistoryAccess() {
    }

    /** Throws a configuration error (exit 2) naming what is missing. */
    public static void require(Connection c, HistoryStore history, String database) throws SQLException {
        Verdict v = check(c, history);
        if (!v.ok()) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot migrate " + database + ": " + v.problem(),
                    v.hint() + "; nothing was applied");
        }
    }

    public static Verdict check(Connection c, HistoryStore history) throws SQLException {
        String schema = Identifiers.quote(history.schema());
        String meta = schema + ".lockstep_meta";
        // From the catalogs by name: to_regclass would fail outright without USAGE on the schema.
        String sql = "WITH n AS (SELECT oid FROM pg_namespace WHERE nspname = ?), "
                + "t AS (SELECT c.oid FROM pg_class c JOIN n ON c.relnamespace = n.oid WHERE c.relname = 'lockstep_history'), "
                + "m AS (SELECT c.oid FROM pg_class c JOIN n ON c.relnamespace = n.oid WHERE c.relname = 'lockstep_meta'), "
                + "s AS (SELECT c.oid FROM pg_class c JOIN n ON c.relnamespace = n.oid "
                + "WHERE c.relname = 'lockstep_history_id_seq') "
                + "SELECT current_user, coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false), "
                + "current_setting('transaction_read_only') = 'on', pg_is_in_recovery(), "
                + "has_database_privilege(current_database(), 'CREATE'), current_database(), "
                + "(SELECT has_schema_privilege(oid, 'USAGE') AND has_schema_privilege(oid, 'CREATE') FROM n), "
                + "(SELECT has_schema_privilege(oid, 'USAGE') FROM n), "
                + "(SELECT array_remove(ARRAY[CASE WHEN NOT has_table_privilege(oid, 'SELECT') THEN 'SELECT' END, "
                + "CASE WHEN NOT has_table_privilege(oid, 'INSERT') THEN 'INSERT' END, "
                + "CASE WHEN NOT has_table_privilege(oid, 'UPDATE') THEN 'UPDATE' END], NULL) FROM t), "
                + "(SELECT NOT has_sequence_privilege(oid, 'USAGE') FROM s), "
                + "(SELECT NOT has_table_privilege(oid, 'SELECT') FROM m)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, history.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String user = rs.getString(1);
                String who = user + (rs.getBoolean(2) ? " (superuser)" : "");
                boolean readOnly = rs.getBoolean(3);
                boolean standby = rs.getBoolean(4);
                boolean createDb = rs.getBoolean(5);
                String database = rs.getString(6);
                Boolean createSchema = (Boolean) rs.getObject(7);
                Boolean usage = (Boolean) rs.getObject(8);
                java.sql.Array missingArray = rs.getArray(9);
                Boolean noSequence = (Boolean) rs.getObject(10);
                Boolean noMeta = (Boolean) rs.getObject(11);
                if (readOnly) {
                    return standby
                            ? new Verdict(who + ": the server is a standby in recovery", "the server is a standby in "
                                    + "recovery and accepts no writes", "point --url at the primary")
                            : new Verdict(who + ": the session is read-only", "the session is read-only "
                                    + "(default_transaction_read_only is on for the role, the database or the server)",
                                    "use a role or database where it is off (ALTER ROLE " + user
                                            + " SET default_transaction_read_only = off), or a writable server");
                }
                if (missingArray != null) {
                    List<String> missing = new ArrayList<>(List.of((String[]) missingArray.getArray()));
                    if (Boolean.TRUE.equals(noMeta)) {
                        missing.add("SELECT on " + meta);
                    }
                    if (Boolean.TRUE.equals(noSequence)) {
                        missing.add("USAGE on its id sequence");
                    }
                    if (!Boolean.TRUE.equals(usage)) {
                        missing.add(0, "USAGE on schema " + schema);
                    }
                    String measured = who + ": history table " + history.table() + " exists";
                    if (missing.isEmpty()) {
                        return new Verdict(measured + ", may read and write it", null, null);
                    }
                    String list = missing.stream().map(p -> p.contains(" on ") ? p : p + " on " + history.table())
                            .reduce((x, y) -> x + ", " + y).orElse("");
                    return new Verdict(measured + ", missing " + list, user + " lacks " + list,
                            "GRANT USAGE ON SCHEMA " + schema + " TO " + user + "; GRANT SELECT, INSERT, UPDATE, DELETE ON "
                                    + history.table() + " TO " + user + "; GRANT SELECT ON " + meta + " TO " + user
                                    + "; GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + user);
                }
                if (createSchema != null) {
                    String measured = who + ": history schema " + schema + " exists (table not created yet), "
                            + "USAGE and CREATE on it " + (createSchema ? "yes" : "no");
                    return createSchema ? new Verdict(measured, null, null) : new Verdict(measured, user
                            + " may not create the history table in schema " + schema + " (needs USAGE and CREATE on it)",
                            "GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + user);
                }
                String measured = who + ": history schema " + schema + " not created yet, CREATE on database "
                        + database + " " + (createDb ? "yes" : "no");
                return createDb ? new Verdict(measured, null, null) : new Verdict(measured, user
                        + " may not create the history schema " + schema + " (needs CREATE on database " + database + ")",
                        "GRANT CREATE ON DATABASE " + Identifiers.quote(database) + " TO " + user + ", or have an "
                                + "administrator run: CREATE SCHEMA " + schema + "; GRANT USAGE, CREATE ON SCHEMA "
                                + schema + " TO " + user);
            }
        }
    }
}
