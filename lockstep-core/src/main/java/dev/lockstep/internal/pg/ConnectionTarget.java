package dev.lockstep.internal.pg;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where to connect and as whom: a JDBC URL without credentials plus connection properties. Built from
 * a {@code postgres://} URI, a {@code jdbc:postgresql://} URL or the libpq PG* variables; the password
 * may come from the password file. {@link #display()} never contains the password.
 */
public record ConnectionTarget(String jdbcUrl, String host, int port, String database, String user,
                               Map<String, String> properties) {
    private static final int DEFAULT_PORT = 5432;

    /** Parses a URL; the PG* variables and the password file fill in what it leaves out. */
    public static ConnectionTarget parse(String url, Map<String, String> env) {
        String u = url.strip();
        if (u.startsWith("postgres://") || u.startsWith("postgresql://")) {
            return fromUri(u.substring(u.indexOf("://") + 3), env, false);
        }
        if (u.startsWith("jdbc:postgresql://")) {
            return fromUri(u.substring("jdbc:postgresql://".length()), env, true);
        }
        // Shown up to its scheme only: a URL that does not parse may hold a password no pattern finds.
        throw new LockstepException(ErrorCode.CONFIG, "'" + Redactor.unparsed(u) + "' is not a PostgreSQL URL "
                + "(shown up to its scheme, as the rest may hold a password)",
                "a PostgreSQL URL starts with postgres:// or postgresql:// (a colon and two slashes), or "
                        + "jdbc:postgresql://, e.g. postgres://user:password@host:5432/database");
    }

    /**
     * The target named by the PG* variables alone (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, ...). A
     * PGHOST that starts with a slash is the directory of the server's Unix-domain socket, as for psql.
     */
    public static ConnectionTarget fromEnv(Map<String, String> env) {
        String host = env.getOrDefault("PGHOST", "localhost");
        int port;
        try {
            port = port(env.getOrDefault("PGPORT", Integer.toString(DEFAULT_PORT)));
        } catch (LockstepException e) {
            throw new LockstepException(e.code(), "PGPORT: " + e.getMessage(), e.hint());
        }
        String user = env.getOrDefault("PGUSER", env.getOrDefault("USER", "postgres"));
        String db = env.getOrDefault("PGDATABASE", user);
        Map<String, String> props = new LinkedHashMap<>();
        copy(env, "PGSSLMODE", props, "sslmode");
        copy(env, "PGAPPNAME", props, "ApplicationName");
        return build(host, port, db, user, env.get("PGPASSWORD"), props, env);
    }

    private static ConnectionTarget fromUri(String rest, Map<String, String> env, boolean jdbc) {
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String db = slash < 0 ? "" : decode(rest.substring(slash + 1), "database name");
        String host = hostPort;
        String portText = null;
        int portColon = hostPort.lastIndexOf(':');
        if (portColon > hostPort.lastIndexOf(']') && !hostPort.contains(",")) {
            host = hostPort.substring(0, portColon);
            portText = hostPort.substring(portColon + 1);
        }
        // libpq: a percent-encoded host (%2Fvar%2Frun%2Fpostgresql) may name a socket directory
        host = decode(host, "host");
        Map<String, String> props = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "parameters");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameters");
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "host" -> host = value;
                case "port" -> portText = value;
                case "application_name" -> props.put("ApplicationName", value);
                case "connect_timeout" -> props.put("connectTimeout", value);
                default -> props.put(key, value);
            }
        }
        if (host.isEmpty()) {
            host = env.getOrDefault("PGHOST", "localhost");
        }
        String defaultPort = jdbc ? Integer.toString(DEFAULT_PORT) : env.getOrDefault("PGPORT", Integer.toString(DEFAULT_PORT));
        int port = port(portText == null || portText.isEmpty() ? defaultPort : portText);
        if (user == null || user.isEmpty()) {
            user = env.getOrDefault("PGUSER", env.getOrDefault("USER", "postgres"));
        }
        if (db.isEmpty()) {
            db = env.getOrDefault("PGDATABASE", user);
        }
        if (password == null && !jdbc) {
            password = env.get("PGPASSWORD");
        }
        return build(host, port, db, user, password, props, env);
    }

    private static ConnectionTarget build(String host, int port, String db, String user, String password,
                                          Map<String, String> props, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(props);
        all.put("user", user);
        String pw = password != null ? password : PgPass.lookup(env, host, port, db, user).orElse(null);
        if (pw != null) {
            all.put("password", pw);
        }
        // pgjdbc is told localhost; the socket factory connects to the socket file instead
        String hostPart = isSocketDirectory(host) ? "localhost:" + port : host.contains(",") ? host : host + ":" + port;
        return new ConnectionTarget("jdbc:postgresql://" + hostPart + "/" + db, host, port, db, user, Map.copyOf(all));
    }

    private static boolean isSocketDirectory(String host) {
        return host.startsWith("/");
    }

    /** Whether the server is reached through a Unix-domain socket in the directory {@link #host()}. */
    public boolean viaSocket() {
        return isSocketDirectory(host);
    }

    /** The same server and user, another database on it. */
    public ConnectionTarget withDatabase(String other) {
        return new ConnectionTarget(jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + other, host, port, other, user,
                properties);
    }

    /** The same server and database, as another user (as a data source's connections report it). */
    public ConnectionTarget withUser(String other) {
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put("user", other);
        return new ConnectionTarget(jdbcUrl, host, port, database, other, Map.copyOf(props));
    }

    /**
     * Connection properties for pgjdbc, with timeouts and the application name added. The password goes to
     * pgjdbc through {@link ResolvedPassword} only, so that pgjdbc never reads a password file itself; a
     * socket directory is reached through {@link UnixSocketFactory}.
     */
    public Properties jdbcProperties(int connectTimeoutSeconds, String applicationName) {
        Properties p = new Properties();
        p.putAll(properties);
        String pw = (String) p.remove("password");
        if (!p.containsKey("authenticationPluginClassName")) {
            p.put("authenticationPluginClassName", ResolvedPassword.class.getName());
            if (pw != null) {
                p.put(ResolvedPassword.PROPERTY, pw);
            }
        } else if (pw != null) {
            p.put("password", pw);
        }
        if (viaSocket()) {
            p.put("socketFactory", UnixSocketFactory.class.getName());
            p.put("socketFactoryArg", UnixSocketFactory.socketFile(host, port).toString());
            p.putIfAbsent("sslmode", "disable");
            p.putIfAbsent("gssEncMode", "disable");
        }
        p.putIfAbsent("connectTimeout", Integer.toString(Math.max(1, connectTimeoutSeconds)));
        p.putIfAbsent("loginTimeout", Integer.toString(Math.max(1, connectTimeoutSeconds)));
        p.putIfAbsent("ApplicationName", applicationName);
        p.putIfAbsent("tcpKeepAlive", "true");
        return p;
    }

    public String password() {
        return properties.get("password");
    }

    /** {@code user@host:port/database}, never with a password. */
    public String display() {
        return user + "@" + host + (host.contains(",") ? "" : ":" + port) + "/" + database;
    }

    private static int port(String text) {
        String t = text.strip();
        // Only digits are echoed: in a URL without '@', what stands after a colon may be a password.
        if (!t.matches("\\d{1,9}")) {
            throw new LockstepException(ErrorCode.CONFIG, "the port is not a number" + (t.isEmpty() ? " (empty)" : ""),
                    "write the port as digits between 1 and 65535, e.g. localhost:5432; a password belongs "
                            + "after the user name: postgres://user:password@host:5432/database");
        }
        int port = Integer.parseInt(t);
        if (port < 1 || port > 65535) {
            throw new LockstepException(ErrorCode.CONFIG, "port " + port + " is out of range: a TCP port is a number "
                    + "from 1 to 65535", "fix the port, e.g. localhost:5432");
        }
        return port;
    }

    private static void copy(Map<String, String> env, String var, Map<String, String> props, String key) {
        String v = env.get(var);
        if (v != null && !v.isBlank()) {
            props.put(key, v);
        }
    }

    private static String decode(String s, String part) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the characters around the bad escape: never shown.
            throw new LockstepException(ErrorCode.CONFIG, "the URL's " + part + " has a '%' that is not followed by "
                    + "two hex digits", "write a literal % as %25, and other special characters of a password "
                    + "percent-encoded (@ as %40, : as %3A, / as %2F)");
        }
    }

    @Override
    public String toString() {
        return display();
    }
}
