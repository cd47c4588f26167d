package dev.lockstep.internal.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database this is, whatever name or address reaches it: the system identifier of its server's
 * cluster (from {@code pg_control_system()}, chosen by initdb, kept by physical replicas and base
 * backups) and the database's name. Written {@code 7301234567890123456/shop}.
 */
public record DatabaseIdentity(String systemIdentifier, String database) {

    /** Reads it on a connection; leaves a connection that is not in autocommit as it found it. */
    public static DatabaseIdentity read(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT system_identifier::text, current_database() FROM pg_control_system()")) {
            rs.next();
            return new DatabaseIdentity(rs.getString(1), rs.getString(2));
        } finally {
            if (!autoCommit) {
                c.rollback();
            }
        }
    }

    /** From its text: the system identifier, a slash, the database name. */
    public static DatabaseIdentity parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || !text.substring(0, slash).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not system-identifier/database");
        }
        return new DatabaseIdentity(text.substring(0, slash), text.substring(slash + 1));
    }

    public String text() {
        return systemIdentifier + "/" + database;
    }

    @Override
    public String toString() {
        return text();
    }
}
