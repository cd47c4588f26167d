package dev.lockstep.internal.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
        try (Statement st = c.createStatement()) {
            // RESET ALL leaves the role alone, and SET SESSION AUTHORIZATION only hides a SET ROLE: reverting a
            // later SET LOCAL ROLE would bring it back. RESET ROLE clears it for good.
            st.execute("SET SESSION AUTHORIZATION DEFAULT; RESET ROLE; RESET ALL; CLOSE ALL; UNLISTEN *; "
                    + "DISCARD TEMP; DISCARD SEQUENCES; DISCARD PLANS");
        }
        // Backstop: if this runner stops mid-transaction, the server ends the session and its locks go.
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false), "
                + "set_config('idle_in_transaction_session_timeout', ?, false)")) {
            ps.setString(1, applicationName);
            ps.setString(2, idleInTransactionTimeout.toMillis() + "ms");
            ps.execute();
        }
    }
}
