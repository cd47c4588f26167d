package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.RepairResult;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryAccess;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.NewRow;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.Reconciler;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code baseline} and {@code repair}: history changes made under the runner lock. */
public final class HistoryMaintenance {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;

    public HistoryMaintenance(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    /** Marks an existing database as being at {@code version}: migrations up to it will not run. */
    public String baseline(String version, String description) {
        MigrationVersion v;
        try {
            v = MigrationVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.USAGE, "baseline version: " + e.getMessage(), "give a version such as 3: lockstep baseline 3");
        }
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        return underLock("lockstep baseline", (session, c) -> {
            if (!history.exists(c)) {
                history.create(c);
            }
            List<HistoryRow> rows = history.readAll(c);
            if (!rows.isEmpty()) {
                throw new LockstepException(ErrorCode.USAGE, "cannot baseline " + session.target().display()
                        + ": its history already has " + rows.size() + " rows",
                        "baseline is for a database Lockstep has not managed yet; see 'lockstep status'");
            }
            history.insert(c, new NewRow(v.text(), description, HistoryKind.BASELINE, "<< baseline >>", null, null,
                    true, config.installedBy(), config.clock().instant(), 0, HistoryStore.newRunId(), toolVersion),
                    true, 0, null, config.clock().instant());
            return v.text();
        });
    }

    /** Removes failed rows and re-stamps the checksums of applied migrations whose files changed. */
    public RepairResult repair() {
        MigrationSet files = MigrationSources.load(config);
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        return underLock("lockstep repair", (session, c) -> {
            List<HistoryRow> rows = history.readAll(c);
            List<String> warnings = new ArrayList<>();
            List<String> realigned = new ArrayList<>();
            List<Reconciled> states = new Reconciler().reconcile(files, rows);
            for (Reconciled r : states) {
                if (r.state() == MigrationState.PARTIALLY_APPLIED) {
                    warnings.add("migration " + r.version() + " was partially applied (" + r.failure().statementsApplied()
                            + " of " + r.failure().statementsTotal() + " statements); its record is removed, so it "
                            + "will run from its first statement: undo what ran, or make the statements idempotent");
                }
                if (r.state() == MigrationState.ROLLBACK_STOPPED) {
                    warnings.add("the rollback of " + r.version() + " stopped at statement "
                            + (r.failure().statementsApplied() + 1) + " of " + r.failure().statementsTotal()
                            + "; its record is removed, so " + r.version() + " counts as applied although the first "
                            + r.failure().statementsApplied() + " statement(s) of its down script ran: redo what they "
                            + "undid, or finish the rollback by hand");
                }
                boolean stale = r.lastSuccess() != null && r.migration() != null && (r.state() == MigrationState.CHANGED
                        || !Checksum.ALGORITHM.equals(r.lastSuccess().checksumAlgorithm()))
                        && r.lastSuccess().kind() != HistoryKind.BASELINE;
                if (stale) {
                    history.updateChecksum(c, r.lastSuccess().id(), r.migration().checksum(), Checksum.ALGORITHM);
                    realigned.add(r.version() == null ? r.description() : r.version());
                }
            }
            List<String> failedOf = rows.stream().filter(row -> !row.success())
                    .map(row -> row.version() != null ? row.version() : row.description()).distinct().toList();
            int removed = history.exists(c) ? history.deleteFailed(c) : 0;
            return new RepairResult(session.target().display(), removed, failedOf, List.copyOf(realigned),
                    List.copyOf(warnings));
        });
    }

    private interface Work<T> {
        T run(Session session, Connection c) throws SQLException;
    }

    private <T> T underLock(String application, Work<T> work) {
        try (Session session = Session.open(config, listener, application)) {
            Connection c = session.connect();
            session.announceTarget();
            try {
                HistoryAccess.require(c, new HistoryStore(config.get(Setting.HISTORY_SCHEMA)), session.target().display());
            } catch (SQLException e) {
                throw session.unexpected(e, application);
            }
            // On the working session, as for migrate: the lock outlives whatever that backend still does.
            AdvisoryLock lock = new AdvisoryLock(c, config.get(Setting.HISTORY_SCHEMA), config.get(Setting.LOCK_WAIT),
                    Sleeper.REAL);
            try {
                return lock.run(() -> work.run(session, c), listener::notice);
            } catch (SQLException e) {
                throw session.unexpected(e, application);
            }
        }
    }
}
