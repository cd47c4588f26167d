package dev.lockstep.internal.execute;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Puts the working session back to the state of a new connection before each migration, so that what
 * one migration set (search_path, role, any setting, temporary tables, cursors, listens) never changes
 * what the next one does: one run and one run per migration give the same schema, as psql with one
 * session per file does.
 *
 * <p>This is what {@code DISCARD ALL} does, less the parts that must not happen here: {@code DISCARD ALL}
 * cannot run inside a transaction block, and it would release the runner lock, which lives on this
 * session ({@code pg_advisory_unlock_all}). The runner's own settings are set again afterwards: its
 * application_name (how other runners recognise its backend) and its backstop timeout.
 */
final class SessionReset {
    private final Duration idleInTransactionTimeout;
    private String applicationName;

    SessionReset(Duration idleInTransactionTimeout) {
        this.idleInTransactionTimeout = idleInTransactionTimeout;
    }

    void apply(Connection c) throws SQLException {
        if (applicationName == null) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW application_name")) {
                rs.next();
                applicationName = rs.getString(1);
            }
        }
        // One round trip: the reset, then the runner's own settings as literals (a migration replayed from a
        // long history pays this once per file).
        try (Statement st = c.createStatement()) {
            // RESET ALL leaves the role alone, and SET SESSION AUTHORIZATION only hides a SET ROLE: reverting a
            // later SET LOCAL ROLE would bring it back. RESET ROLE clears it for good.
            st.execute("SET SESSION AUTHORIZATION DEFAULT; RESET ROLE; RESET ALL; CLOSE ALL; UNLISTEN *; "
                    + "DISCARD TEMP; DISCARD SEQUENCES; DISCARD PLANS; "
                    // Backstop: if this runner stops mid-transaction, the server ends the session and its locks go.
                    + "SELECT set_config('application_name', " + literal(applicationName) + ", false), "
                    + "set_config('idle_in_transaction_session_timeout', '" + idleInTransactionTimeout.toMillis()
                    + "ms', false)");
        }
    }

    /** An escape string literal, read the same whatever standard_conforming_strings says. */
    static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
