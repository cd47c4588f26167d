package dev.lockstep.internal.verify;

import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.VerifyCheck;
import dev.lockstep.VerifyReport;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.ServerError;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code verify}: SQL assertion scripts (a query that returns rows has found something wrong; each
 * script runs in a transaction that is rolled back, so verifying changes nothing), HTTP checks and
 * commands, each with a timeout.
 */
public final class Verifier {
    private static final int SHOWN_ROWS = 10;

    private final LockstepConfig config;
    private final RunListener listener;

    public Verifier(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public VerifyReport run() {
        List<VerifyReport.Result> results = new ArrayList<>();
        String database;
        try (Session session = Session.open(config, listener, "lockstep verify")) {
            database = session.target().display();
            List<Path> scripts = scripts(config.path(Setting.VERIFY_DIR));
            if (!scripts.isEmpty() || !config.get(Setting.VERIFY_RLS).isEmpty()) {
                Connection c = session.connect();
                for (Path script : scripts) {
                    results.add(sql(c, script));
                }
                for (VerifyCheck.Rls check : config.get(Setting.VERIFY_RLS)) {
                    results.add(rls(c, check));
                }
            }
        }
        for (VerifyCheck.Http h : config.get(Setting.VERIFY_HTTP)) {
            results.add(http(h));
        }
        for (VerifyCheck.Command command : config.get(Setting.VERIFY_COMMAND)) {
            results.add(command(command));
        }
        return new VerifyReport(database, List.copyOf(results));
    }

    /** One smoke check outside the database: an HTTP GET or a shell command in the working directory. */
    public VerifyReport.Result smoke(VerifyCheck check) {
        return check instanceof VerifyCheck.Http h ? http(h) : command((VerifyCheck.Command) check);
    }

    private List<Path> scripts(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot list " + dir + ": " + e.getMessage(), null, e);
        }
    }

    private VerifyReport.Result sql(Connection c, Path file) {
        try {
            return assertion(c, config.shown(file), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new VerifyReport.Result("sql", config.shown(file), false, e.getMessage(), 0);
        }
    }

    /**
     * Runs an assertion script in a transaction that is rolled back: any row a query returns, or any
     * error, fails it.
     */
    public static VerifyReport.Result assertion(Connection c, String name, String text) {
        long t0 = System.nanoTime();
        try {
            SplitResult split = new StatementSplitter().split(text);
            if (!split.ok()) {
                return new VerifyReport.Result("sql", name, false, name + ":" + split.problems().get(0), ms(t0));
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (SqlStatement s : split.statements()) {
                    try {
                        if (st.execute(s.sql())) {
                            try (ResultSet rs = st.getResultSet()) {
                                String rows = table(rs);
                                if (rows != null) {
                                    return new VerifyReport.Result("sql", name, false, "line " + s.line()
                                            + " returned rows:\n" + rows, ms(t0));
                                }
                            }
                        }
                    } catch (SQLException e) {
                        ServerError err = ServerError.of(e);
                        return new VerifyReport.Result("sql", name, false, name + ":" + s.line() + ":" + s.column()
                                + ": ERROR " + err.sqlState() + ": " + err.message(), ms(t0));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return new VerifyReport.Result("sql", name, true, "", ms(t0));
        } catch (SQLException e) {
            return new VerifyReport.Result("sql", name, false, e.getMessage(), ms(t0));
        }
    }

    /** The first rows of a result as a text table, or null when there are none. */
    static String table(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
        }
        rows.add(header);
        int count = 0;
        while (rs.next()) {
            count++;
            if (count <= SHOWN_ROWS) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = String.valueOf(rs.getString(i + 1));
                }
                rows.add(row);
            }
        }
        if (count == 0) {
            return null;
        }
        int[] width = new int[n];
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            sb.append("    ");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", rows.get(r)[i]));
            }
            sb.append('\n');
            if (r == 0) {
                int line = 3 * (n - 1);
                for (int w : width) {
                    line += w;
                }
                sb.append("    ").append("-".repeat(line)).append('\n');
            }
        }
        if (count > SHOWN_ROWS) {
            sb.append("    (").append(count - SHOWN_ROWS).append(" more rows)\n");
        }
        return sb.toString().stripTrailing();
    }

    /** Runs as the role with the settings, in a transaction that is rolled back. */
    private static VerifyReport.Result rls(Connection c, VerifyCheck.Rls check) {
        long t0 = System.nanoTime();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL ROLE " + dev.lockstep.internal.pg.Identifiers.quote(check.role()));
                for (var e : check.settings().entrySet()) {
                    try (var ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, e.getValue());
                        ps.execute();
                    }
                }
                int rows = 0;
                try (ResultSet rs = st.executeQuery(check.query())) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                if (check.expectRows() != null && rows != check.expectRows()) {
                    return new VerifyReport.Result("rls", check.name(), false, "as " + check.role() + " the query saw "
                            + rows + " row(s), expected " + check.expectRows(), ms(t0));
                }
                if (check.forbidden() != null) {
                    try (ResultSet rs = st.executeQuery(check.forbidden())) {
                        String seen = table(rs);
                        if (seen != null) {
                            return new VerifyReport.Result("rls", check.name(), false, "as " + check.role()
                                    + " rows it must not see are visible:\n" + seen, ms(t0));
                        }
                    }
                }
                return new VerifyReport.Result("rls", check.name(), true, "", ms(t0));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            ServerError err = ServerError.of(e);
            return new VerifyReport.Result("rls", check.name(), false, "ERROR " + err.sqlState() + ": " + err.message(),
                    ms(t0));
        }
    }

    private static VerifyReport.Result http(VerifyCheck.Http h) {
        long t0 = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().connectTimeout(h.timeout()).build();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(h.url())).timeout(h.timeout())
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() == h.expect();
            return new VerifyReport.Result("http", "GET " + h.url(), ok, ok ? "" : "answered " + response.statusCode()
                    + ", expected " + h.expect(), ms(t0));
        } catch (java.net.http.HttpTimeoutException e) {
            return new VerifyReport.Result("http", "GET " + h.url(), false, "no answer within "
                    + Durations.format(h.timeout()), ms(t0));
        } catch (IOException | IllegalArgumentException e) {
            return new VerifyReport.Result("http", "GET " + h.url(), false, "GET " + h.url() + " failed: "
                    + reason(e, h), ms(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VerifyReport.Result("http", "GET " + h.url(), false, "interrupted", ms(t0));
        }
    }

    /**
     * Why a request failed, in the operating system's words. The HTTP client's connection errors carry no
     * message at all, so the reason comes from connecting a plain socket to the same host and port.
     */
    static String reason(Exception e, VerifyCheck.Http h) {
        if (e instanceof IllegalArgumentException) {
            return "not a usable URL: " + e.getMessage();
        }
        boolean connecting = e instanceof java.net.ConnectException
                || e.getCause() instanceof java.nio.channels.UnresolvedAddressException;
        if (!connecting) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        URI uri = URI.create(h.url());
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String where = uri.getHost() + ":" + port;
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) h.timeout().toMillis());
            return "cannot connect to " + where + " (it accepts connections now: retry)";
        } catch (java.net.UnknownHostException u) {
            return "cannot connect to " + where + ": unknown host " + uri.getHost();
        } catch (IOException io) {
            return "cannot connect to " + where + ": " + (io.getMessage() == null ? io.getClass().getSimpleName()
                    : io.getMessage()) + (io instanceof java.net.ConnectException ? " (is the application running?)" : "");
        } catch (IllegalArgumentException bad) {
            return "cannot connect to " + where + ": " + bad.getMessage();
        }
    }

    private VerifyReport.Result command(VerifyCheck.Command command) {
        long t0 = System.nanoTime();
        try {
            Path out = Files.createTempFile("lockstep-verify", ".out");
            try {
                Integer exit = ShellCommand.run(command.run(), config.workDir(), out, command.timeout());
                if (exit == null) {
                    return new VerifyReport.Result("command", command.run(), false, "did not finish within "
                            + Durations.format(command.timeout()) + "; it and every process it started were killed",
                            ms(t0));
                }
                List<String> lines = Files.readAllLines(out);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
                boolean ok = exit == 0;
                return new VerifyReport.Result("command", command.run(), ok, ok ? "" : "exit " + exit
                        + (tail.isEmpty() ? "" : ":\n" + tail), ms(t0));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new VerifyReport.Result("command", command.run(), false, e.getMessage(), ms(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VerifyReport.Result("command", command.run(), false, "interrupted", ms(t0));
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
