package dev.lockstep.internal.guard;

import dev.lockstep.LockstepConfig;
import dev.lockstep.PreflightReport;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code preflight}: connects, gathers what the checks need, runs every check. Read-only. */
public final class Preflight {
    private final LockstepConfig config;
    private final RunListener listener;

    public Preflight(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public PreflightReport run(String outsideWindowReason) {
        MigrationSet files = MigrationSources.load(config);
        long t0 = System.nanoTime();
        try (Session session = Session.open(config, listener, "lockstep preflight")) {
            Connection c = session.connect();
            long connectMillis = (System.nanoTime() - t0) / 1_000_000;
            List<Reconciled> states = TargetState.of(files, history(c)).states();
            GuardContext ctx = new GuardContext(config, c, session.target().display(), serverVersion(c), connectMillis,
                    states, new Planner().validate(states, config.get(Setting.OUT_OF_ORDER)), affectedTables(states),
                    outsideWindowReason);
            List<PreflightReport.Check> results = new ArrayList<>();
            for (Check check : Checks.all()) {
                results.add(check.run(ctx));
            }
            return new PreflightReport(session.target().display(), config.environment(), List.copyOf(results));
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "preflight could not read the database: " + e.getMessage(),
                    "check the connection and privileges", e);
        }
    }

    /** The history rows; none when this role may not read them (the privileges check says so). */
    private List<HistoryRow> history(Connection c) throws SQLException {
        try {
            return new HistoryStore(config.get(Setting.HISTORY_SCHEMA)).readAll(c);
        } catch (SQLException e) {
            if (PgSqlState.INSUFFICIENT_PRIVILEGE.matches(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /** The tables the pending migrations name, as written. */
    private static Set<String> affectedTables(List<Reconciled> states) {
        Set<String> tables = new LinkedHashSet<>();
        StatementSplitter splitter = new StatementSplitter();
        for (Reconciled r : states) {
            if (r.migration() != null && r.state().runnable()) {
                for (SqlStatement s : splitter.split(r.migration().up().text()).statements()) {
                    tables.addAll(s.info().tables());
                }
            }
        }
        return tables;
    }

    private static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            String v = rs.getString(1);
            return v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v;
        }
    }
}
