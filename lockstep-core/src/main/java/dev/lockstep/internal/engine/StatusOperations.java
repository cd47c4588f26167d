package dev.lockstep.internal.engine;

import dev.lockstep.DriftStatus;
import dev.lockstep.HeadsResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.ValidateResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.internal.drift.DriftRecord;
import dev.lockstep.internal.execute.ForeignTablesCheck;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status} and {@code validate}: the migration files and the target's history read together, and
 * what of that would stop or mislead the next migrate or rollback. Changes nothing.
 */
final class StatusOperations {
    private final LockstepConfig config;
    private final RunListener listener;

    StatusOperations(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    StatusResult status() {
        return read().status();
    }

    private record Read(StatusResult status, TargetState state) {
    }

    private Read read() {
        FilesInBackground loading = FilesInBackground.start(config, Target.isEmbedded(config));
        Session opened;
        Connection c;
        try {
            opened = Session.open(config, listener, "lockstep status");
            c = opened.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
        try (Session session = opened) {
            HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
            TargetState state;
            List<ValidationIssue> issues = new ArrayList<>();
            try {
                if (loading.get().skippedNotice() != null) {
                    listener.notice(loading.get().skippedNotice());
                }
                state = history.readState(c, loading.get());
                if (state.rows().isEmpty()) {
                    ForeignTablesCheck.refuseIfAny(session, c);
                    // with files or without: migrate refuses either way (it would create its history here)
                    wouldMigrateRefuse(c, history, session, issues);
                }
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the history");
            }
            DriftStatus drift;
            try {
                drift = DriftRecord.read(c, history, state.rows());
            } catch (SQLException e) {
                drift = DriftStatus.UNKNOWN;
            }
            issues.addAll(new Planner().validate(state.states(), config.get(Setting.OUT_OF_ORDER)));
            return new Read(new StatusResult(session.target().display(), history.table(), config.shown(config.dir()),
                    state.currentVersion(), state.lines(), List.copyOf(issues), drift), state);
        }
    }

    /**
     * An issue when migrate would refuse the database (objects of its own and no history: a wrong
     * --history-schema or database), so that status does not promise migrations migrate will not run, and
     * {@code status --exit-code}, JSON and validate say the same.
     */
    private void wouldMigrateRefuse(Connection c, HistoryStore history, Session session, List<ValidationIssue> issues)
            throws SQLException {
        try {
            dev.lockstep.internal.history.UnmanagedDatabase.refuse(c, history, session.target().display(),
                    config.get(Setting.ALLOW_NON_EMPTY));
        } catch (dev.lockstep.error.LockstepException e) {
            issues.add(new ValidationIssue(ValidationIssue.Kind.UNMANAGED_DATABASE, null, null,
                    "migrate would refuse this database: " + e.getMessage() + "; "
                            + e.hint().replace("; nothing was applied", "")));
        }
    }

    /**
     * What status reports, rollbacks that stopped part-way (migrate refuses to run past them), down scripts
     * without a statement (rollback refuses them) and migrations from parallel branches whose order is not
     * resolved.
     */
    ValidateResult validate() {
        Read read = read();
        List<ValidationIssue> issues = new ArrayList<>(read.status().issues());
        issues.addAll(new Planner().stoppedRollbacks(read.state().states()));
        for (ResolvedMigration m : read.state().files().versioned()) {
            if (m.downIsEmpty()) {
                String v = m.version().text();
                issues.add(new ValidationIssue(ValidationIssue.Kind.EMPTY_DOWN_SCRIPT, v, m.down().path(),
                        "down script of " + v + " is empty (" + m.down().path() + "): write it, or delete it to make "
                                + v + " irreversible"));
            }
        }
        BranchOperations branches = new BranchOperations(config, listener);
        if (branches.onDisk()) {
            for (HeadsResult.Conflict c : branches.heads(read.state().rows()).conflicts()) {
                if (c.kind().equals("parallel")) {
                    issues.add(new ValidationIssue(ValidationIssue.Kind.PARALLEL_BRANCHES, c.version(), c.file(),
                            c.message() + "; check that they work in this order, then run 'lockstep merge'"));
                }
            }
        }
        return new ValidateResult(read.status().database(), read.status().migrations().size(), List.copyOf(issues));
    }
}
