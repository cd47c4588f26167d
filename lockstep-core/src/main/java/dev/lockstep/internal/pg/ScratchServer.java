package dev.lockstep.internal.pg;

import dev.lockstep.LockstepConfig;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A server on which Lockstep creates throwaway databases to build and compare schemas: the embedded
 * server by default, or the one {@code scratch-url} names. Every database and role it creates is dropped
 * again when it closes.
 */
public final class ScratchServer implements AutoCloseable {
    private final Session session;
    private final Connection admin;
    private final RunListener listener;
    private final int majorVersion;
    private final Set<String> databases = new LinkedHashSet<>();
    private final List<String> roles = new ArrayList<>();

    private ScratchServer(Session session, RunListener listener) throws SQLException {
        this.session = session;
        this.listener = listener;
        this.admin = session.connect();
        this.majorVersion = Server.majorVersion(admin);
    }

    /** Connects to the server the configuration names (its {@code url}, or the embedded server). */
    public static ScratchServer open(LockstepConfig serverConfig, RunListener listener) {
        Session session = Session.openServer(serverConfig, listener, "lockstep scratch");
        try {
            return new ScratchServer(session, listener);
        } catch (SQLException e) {
            session.close();
            throw new LockstepException(ErrorCode.CONNECTION, "cannot use the scratch server " + session.target().display()
                    + ": " + e.getMessage(), "check --scratch-url", e);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** {@code user@host:port}, never with a password. */
    public String display() {
        ConnectionTarget t = session.target();
        return t.user() + "@" + t.host() + (t.host().contains(",") ? "" : ":" + t.port());
    }

    public int majorVersion() {
        return majorVersion;
    }

    /** The role connected to the scratch server, quoted as an identifier. */
    public String role() throws SQLException {
        try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery("SELECT quote_ident(current_user)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Creates the roles (by name, unquoted) the migrations may grant to or own as, when the server lacks
     * them: without login, dropped again at the end. A role that cannot be created is reported, not fatal.
     */
    public void ensureRoles(Collection<String> names) {
        for (String name : names) {
            try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                try (Statement st = admin.createStatement()) {
                    st.execute("CREATE ROLE " + Identifiers.quote(name) + " NOLOGIN");
                }
                roles.add(name);
            } catch (SQLException e) {
                listener.notice("could not create role " + name + " on the scratch server (" + e.getMessage()
                        + "); migrations that name it will fail there");
            }
        }
    }

    /** A new empty database (from template0); returns its name. */
    public String create(String purpose) {
        return createFrom("template0", purpose);
    }

    /** A new database as a copy of another scratch database (which must have no connections). */
    public String copy(String database, String purpose) {
        return createFrom(database, purpose);
    }

    /**
     * A name for a database another tool creates on this server (pg_restore into a new database): it is
     * dropped at the end like the others, if it exists by then.
     */
    public String reserve(String purpose) {
        String name = "lockstep_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        databases.add(name);
        return name;
    }

    private String createFrom(String template, String purpose) {
        String name = reserve(purpose);
        databases.remove(name);
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(template));
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "cannot create a scratch database on " + display() + ": "
                    + e.getMessage(), "the scratch server's user needs CREATEDB; use --scratch-url to name another "
                    + "server (the embedded one is the default)", e);
        }
        databases.add(name);
        return name;
    }

    /** A connection to one of its databases, closed with the server (or earlier by the caller). */
    public Connection connect(String database) {
        return session.connectTo(database);
    }

    /** A URL for a database on this server, with the credentials, for a configuration of its own. */
    public String url(String database) {
        ConnectionTarget t = session.target().withDatabase(database);
        StringBuilder sb = new StringBuilder(t.jdbcUrl());
        char sep = '?';
        for (Map.Entry<String, String> p : t.properties().entrySet()) {
            sb.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** Drops one of its databases, ending any session still on it. */
    public void drop(String database) {
        try (Statement st = admin.createStatement()) {
            if (majorVersion >= 13) {
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
            } else {
                try (PreparedStatement ps = admin.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                    ps.setString(1, database);
                    ps.execute();
                }
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(database));
            }
            databases.remove(database);
        } catch (SQLException e) {
            listener.notice("could not drop the scratch database " + database + " on " + display() + ": "
                    + e.getMessage() + "; drop it by hand");
        }
    }

    @Override
    public void close() {
        try {
            for (String db : List.copyOf(databases)) {
                drop(db);
            }
            for (String role : roles) {
                try (Statement st = admin.createStatement()) {
                    st.execute("DROP ROLE IF EXISTS " + Identifiers.quote(role));
                } catch (SQLException e) {
                    listener.notice("could not drop the role " + role + " created on the scratch server: "
                            + e.getMessage());
                }
            }
        } finally {
            session.close();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
