package dev.lockstep.internal.execute;

import java.sql.Connection;
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
 * session ({@code pg_advisory_unlock_all}). Settings given when connecting (application_name) are what
 * {@code RESET ALL} goes back to; the runner's own backstop timeout is set again afterwards.
 */
final class SessionReset {
    private final String sql;

    SessionReset(Duration idleInTransactionTimeout) {
        this.sql = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; DISCARD TEMP; "
                + "DISCARD SEQUENCES; DISCARD PLANS; "
                // Backstop: if this runner stops mid-transaction, the server ends the session and its locks go.
                + "SET idle_in_transaction_session_timeout = '" + idleInTransactionTimeout.toMillis() + "ms'";
    }

    void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
