package dev.lockstep.internal.execute;

import dev.lockstep.internal.sql.SqlStatement;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLWarning;

/** Sends one statement as written; COPY ... FROM stdin goes through the COPY protocol with its data. */
public final class StatementRunner {

    /** Runs {@code s}; returns the messages of the warnings the server raised while running it. */
    public List<String> execute(Connection c, SqlStatement s) throws SQLException {
        if (s.hasCopyData()) {
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(s.sql(), new StringReader(s.copyData()));
            } catch (IOException e) {
                throw new SQLException("COPY data could not be sent: " + e.getMessage(), e);
            }
            return List.of();
        }
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(s.sql());
            return warnings(st.getWarnings());
        }
    }

    /** WARNING-level messages only: NOTICEs (IF NOT EXISTS skipping, RAISE NOTICE) are routine. */
    private static List<String> warnings(SQLWarning chain) {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
            if (w instanceof PSQLWarning pw && pw.getServerErrorMessage() != null
                    && "WARNING".equals(pw.getServerErrorMessage().getSeverity())) {
                out.add(pw.getServerErrorMessage().getMessage());
            }
        }
        return out;
    }

    /** Runs one statement of Lockstep's own (a SET), not from a migration. */
    public void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Sets lock_timeout for the transaction ({@code local}) or the session. */
    public void lockTimeout(Connection c, Duration timeout, boolean local) throws SQLException {
        execute(c, lockTimeoutSql(timeout, local));
    }

    /** The SET of lock_timeout for the transaction ({@code local}) or the session, e.g. to send in a batch. */
    static String lockTimeoutSql(Duration timeout, boolean local) {
        return "SET " + (local ? "LOCAL " : "") + "lock_timeout = '" + timeout.toMillis() + "ms'";
    }
}
