package dev.lockstep.internal.health;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationState;
import dev.lockstep.Readiness;
import dev.lockstep.Setting;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One read-only look at the database, the files and the history: what a readiness probe reports. */
public final class ReadinessCheck {
    private static final String LOCK_WAITS = "SELECT count(*) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND wait_event_type = 'Lock'";

    private final LockstepConfig config;
    private final RunListener listener;

    public ReadinessCheck(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public Readiness run() {
        Instant at = config.clock().instant();
        // In the background even with the embedded server: a readiness answer reports a file problem as
        // not ready (503), it does not fail.
        FilesInBackground loading = FilesInBackground.start(config);
        long start = System.nanoTime();
        try (Session session = Session.open(config, listener, "lockstep readiness")) {
            Connection c;
            int lockWaits;
            try {
                c = session.connect();
                lockWaits = lockWaits(c);
            } catch (RuntimeException | SQLException e) {
                Readiness.Database down = new Readiness.Database(false, millisSince(start), e.getMessage(), null);
                return new Readiness(false, down, notChecked(loading, "not checked: the database is unreachable"),
                        Readiness.History.NONE, at);
            }
            Readiness.Database db = new Readiness.Database(true, millisSince(start), session.target().display(),
                    lockWaits);
            return migrations(c, loading, db, at);
        } catch (RuntimeException e) {
            Readiness.Database down = new Readiness.Database(false, millisSince(start), e.getMessage(), null);
            return new Readiness(false, down, notChecked(loading, "not checked: " + e.getMessage()),
                    Readiness.History.NONE, at);
        }
    }

    private Readiness migrations(Connection c, FilesInBackground loading, Readiness.Database db, Instant at) {
        long start = System.nanoTime();
        MigrationSet files;
        try {
            files = loading.get();
        } catch (RuntimeException e) {
            return new Readiness(false, db, new Readiness.Migrations(false, millisSince(start), null, null, 0, 0, 0, 0,
                    0, e.getMessage()), Readiness.History.NONE, at);
        }
        TargetState state;
        try {
            state = new HistoryStore(config.get(Setting.HISTORY_SCHEMA)).readState(c, files);
        } catch (SQLException e) {
            return new Readiness(false, db, new Readiness.Migrations(false, millisSince(start), null, expected(files),
                    0, 0, 0, 0, 0, "reading the history failed: " + e.getMessage()), Readiness.History.NONE, at);
        }
        int pending = count(state, MigrationState.PENDING) + count(state, MigrationState.OUT_OF_ORDER)
                + count(state, MigrationState.OUTDATED);
        int failed = count(state, MigrationState.FAILED);
        int partial = count(state, MigrationState.PARTIALLY_APPLIED);
        int changed = count(state, MigrationState.CHANGED);
        boolean ok = pending + failed + partial + changed == 0;
        Readiness.Migrations m = new Readiness.Migrations(ok, millisSince(start), state.currentVersion(),
                expected(files), pending, failed, partial, changed, count(state, MigrationState.MISSING), null);
        return new Readiness(ok, db, m, history(state.rows()), at);
    }

    private static Readiness.Migrations notChecked(FilesInBackground loading, String why) {
        String expected;
        try {
            expected = expected(loading.get());
        } catch (RuntimeException e) {
            expected = null;
        }
        return new Readiness.Migrations(false, 0, null, expected, 0, 0, 0, 0, 0, why);
    }

    private static int lockWaits(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LOCK_WAITS)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String expected(MigrationSet files) {
        List<ResolvedMigration> versioned = files.versioned();
        return versioned.isEmpty() ? null : versioned.get(versioned.size() - 1).version().text();
    }

    private static int count(TargetState state, MigrationState which) {
        return (int) state.states().stream().map(Reconciled::state).filter(s -> s == which).count();
    }

    private static Readiness.History history(List<HistoryRow> rows) {
        return rows.stream().max(Comparator.comparing(ReadinessCheck::when))
                .map(r -> new Readiness.History(rows.size(), when(r), r.durationMs(), r.success(), r.version()))
                .orElse(Readiness.History.NONE);
    }

    private static Instant when(HistoryRow r) {
        return r.finishedAt() != null ? r.finishedAt() : r.startedAt();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
