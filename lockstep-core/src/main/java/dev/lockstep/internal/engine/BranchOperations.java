package dev.lockstep.internal.engine;

import dev.lockstep.HeadsResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MergeResult;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.heads.Merge;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.spi.RunListener;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code heads} and {@code merge}: migrations written on parallel branches of a migrations directory,
 * found against the target's history and put in one order.
 */
final class BranchOperations {
    private final LockstepConfig config;
    private final RunListener listener;

    BranchOperations(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    HeadsResult heads() {
        return merge().heads(historyRows("lockstep heads"));
    }

    /** The heads of the migrations directory against history already read. */
    HeadsResult heads(List<HistoryRow> rows) {
        return merge().heads(rows);
    }

    MergeResult merge(boolean dryRun) {
        return merge().merge(historyRows("lockstep merge"), dryRun);
    }

    private Merge merge() {
        if (!onDisk()) {
            throw new LockstepException(ErrorCode.USAGE, "heads and merge work on a migrations directory, and "
                    + config.shown(config.dir()) + " is not one", "point --dir at the directory of the migration files");
        }
        return new Merge(config.dir(), config.shown(config.dir()), config.clock());
    }

    /** Whether the migrations are a directory of files (not locations on the class path). */
    boolean onDisk() {
        List<String> locations = config.get(Setting.LOCATIONS);
        return (locations == null || locations.isEmpty()) && Files.isDirectory(config.dir());
    }

    private List<HistoryRow> historyRows(String application) {
        try (Session session = Session.open(config, listener, application)) {
            return new HistoryStore(config.get(Setting.HISTORY_SCHEMA)).readAll(session.connect());
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "cannot read the history: " + e.getMessage(),
                    "check the connection and privileges", e);
        }
    }
}
