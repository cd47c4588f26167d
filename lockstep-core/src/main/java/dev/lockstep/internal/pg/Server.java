package dev.lockstep.internal.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What a connected server is: its version, as every command that adapts to it reads it. */
public final class Server {
    private Server() {
    }

    /** The major version, e.g. 15. */
    public static int majorVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    /** The version as the server shows it, e.g. {@code 15.19}. */
    public static String version(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            String v = rs.getString(1);
            return v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v;
        }
    }
}
