package dev.lockstep.internal.backup;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.spi.RunListener;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a restored database in the place of the one it replaces. Both renames run in one transaction
 * with the ending of the sessions on either database: it commits with the restored database under the
 * target's name and the old one under another, or it rolls back and nothing changed. PostgreSQL renames
 * only a database nobody is connected to; when sessions keep reconnecting, the next attempt first stops
 * new connections to the target (and allows them again if the swap still fails).
 */
final class NameSwap {
    private static final int ATTEMPTS = 3;
    private static final int MAX_NAME_BYTES = 63;

    private final Connection admin;
    private final RunListener listener;

    /** @param admin a connection to another database of the server (postgres, or template1) */
    NameSwap(Connection admin, RunListener listener) {
        this.admin = admin;
        this.listener = listener;
    }

    /** {@code base} with {@code suffix}, the base shortened to fit PostgreSQL's 63-byte names. */
    static String name(String base, String suffix) {
        String b = base;
        while (!b.isEmpty() && (b + suffix).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            b = b.substring(0, b.length() - 1);
        }
        return b + suffix;
    }

    /** Renames {@code target} to {@code previous} and {@code restored} to {@code target}, or changes nothing. */
    void swap(String target, String restored, String previous) {
        SQLException last = null;
        boolean closed = false;
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                if (attempt > 1 && !closed) {
                    execute("ALTER DATABASE " + Identifiers.quote(target) + " ALLOW_CONNECTIONS false");
                    closed = true;
                    listener.notice("sessions kept connecting to " + target + "; refusing new connections to it "
                            + "until the swap is done");
                }
                try {
                    admin.setAutoCommit(false);
                    int ended = terminate(target, restored);
                    execute("ALTER DATABASE " + Identifiers.quote(target) + " RENAME TO " + Identifiers.quote(previous));
                    execute("ALTER DATABASE " + Identifiers.quote(restored) + " RENAME TO " + Identifiers.quote(target));
                    admin.commit();
                    if (ended > 0) {
                        listener.notice("ended " + ended + " session(s) on " + target + " to put the restored "
                                + "database in its place");
                    }
                    if (closed) {
                        closed = false;
                        allowConnections(previous);
                    }
                    return;
                } catch (SQLException e) {
                    admin.rollback();
                    last = e;
                    if (!PgSqlState.OBJECT_IN_USE.matches(e)) {
                        break;
                    }
                } finally {
                    admin.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            last = e;
        } finally {
            if (closed) {
                allowConnections(target);
            }
        }
        throw new LockstepException(ErrorCode.BACKUP, "could not put the restored database in the place of " + target
                + ": " + (last == null ? "" : last.getMessage()) + sessions(target) + "; " + target + " is as it was "
                + "(its sessions were ended), and the restored copy, checked, is in database " + restored,
                "stop what keeps connecting to " + target + " and finish by hand: ALTER DATABASE "
                        + Identifiers.quote(target) + " RENAME TO " + Identifiers.quote(previous) + "; ALTER DATABASE "
                        + Identifiers.quote(restored) + " RENAME TO " + Identifiers.quote(target) + "; or drop "
                        + restored + " and restore again", last);
    }

    /** Drops a database; returns null, or why it could not. */
    String drop(String database) {
        try {
            execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private int terminate(String a, String b) throws SQLException {
        try (PreparedStatement ps = admin.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                + "FROM pg_stat_activity WHERE datname IN (?, ?) AND pid <> pg_backend_pid()")) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The sessions still on a database, for the error when the swap could not be done. */
    private String sessions(String database) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = admin.prepareStatement("SELECT pid, usename, application_name FROM "
                + "pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() ORDER BY pid")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + ")");
                }
            }
        } catch (SQLException e) {
            return "";
        }
        return out.isEmpty() ? "" : " (still connected: " + String.join(", ", out) + ")";
    }

    private void allowConnections(String database) {
        try {
            execute("ALTER DATABASE " + Identifiers.quote(database) + " ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            listener.notice("could not allow connections to " + database + " again: " + e.getMessage()
                    + "; run ALTER DATABASE " + Identifiers.quote(database) + " ALLOW_CONNECTIONS true");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }
}
