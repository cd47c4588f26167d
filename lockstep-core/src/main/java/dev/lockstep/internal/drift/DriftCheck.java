package dev.lockstep.internal.drift;

import dev.lockstep.DriftResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.SchemaDifference;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.inspect.CatalogReader;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.scratch.Applied;
import dev.lockstep.internal.scratch.Scratch;
import dev.lockstep.internal.snapshot.Roles;
import dev.lockstep.internal.snapshot.Snapshot;
import dev.lockstep.internal.snapshot.SnapshotDiff;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code drift}: the live schema against the schema its applied migrations produce on a scratch database,
 * and against the snapshot file when there is one. The outcome is recorded in the target's history schema
 * for {@code status}.
 */
public final class DriftCheck {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;

    public DriftCheck(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    public DriftResult run() {
        Path file = config.path(Setting.SNAPSHOT_FILE);
        boolean noFile = file != null && !Files.isRegularFile(file);
        if (noFile && config.source(Setting.SNAPSHOT_FILE).startsWith("--")) {
            // Named for this run: a mistyped path must not pass as a comparison that found nothing.
            throw new LockstepException(dev.lockstep.error.ErrorCode.USAGE, "snapshot file " + config.shown(file)
                    + " does not exist (--snapshot-file)", "check the path; 'lockstep snapshot --out "
                    + config.shown(file) + "' writes one from the database");
        }
        FilesInBackground loading = FilesInBackground.start(config, Target.isEmbedded(config));
        Session opened;
        Connection c;
        try {
            opened = Session.open(config, listener, "lockstep drift");
            c = opened.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
        try (Session session = opened) {
            HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
            TargetState state = history.readState(c, loading.get());
            Snapshot live = new CatalogReader(history.schema()).read(c, session::connect);
            Applied applied = Applied.of(state);
            List<String> notes = new ArrayList<>(applied.notes());
            Built expected = expected(state, applied, live, Server.majorVersion(c), notes);
            List<SchemaDifference> fromMigrations = SnapshotDiff.diff(expected.snapshot(), live);
            List<SchemaDifference> fromFile = null;
            if (noFile) {
                notes.add("the snapshot file " + config.shown(file) + " (" + config.source(Setting.SNAPSHOT_FILE)
                        + ") does not exist yet, so the database was compared with the migrations only; 'lockstep "
                        + "snapshot' writes it");
            } else if (file != null) {
                Snapshot committed = Snapshots.read(file, config);
                fromFile = SnapshotDiff.diff(Roles.rename(committed, Map.of(committed.role(), live.role())), live);
            }
            Instant now = config.clock().instant();
            DriftResult result = new DriftResult(session.target().display(), expected.where(), now,
                    state.currentVersion(), fromMigrations, fromFile == null ? null : config.shown(file), fromFile,
                    notes);
            record(c, history, now, result, state);
            return result;
        } catch (SQLException e) {
            throw new LockstepException(dev.lockstep.error.ErrorCode.CONNECTION, "drift could not read the database: "
                    + e.getMessage(), "check the connection and privileges", e);
        }
    }

    private record Built(Snapshot snapshot, String where) {
    }

    /** The applied migrations on a new scratch database, read back with the scratch role mapped to the live one. */
    private Built expected(TargetState state, Applied applied, Snapshot live, int liveMajor, List<String> notes) {
        try (Scratch scratch = Scratch.open(config, listener, toolVersion)) {
            if (scratch.majorVersion() != liveMajor) {
                notes.add("the scratch server runs PostgreSQL " + scratch.majorVersion() + ", the database "
                        + liveMajor + ": definitions may print differently (use --scratch-url with a server of the "
                        + "same version)");
            }
            scratch.provideRoles(live);
            String db = scratch.create("drift");
            try {
                scratch.migrate(db, Scratch.only(state.files(), applied.ids()), null);
            } catch (LockstepException e) {
                throw new LockstepException(e.code(), "applying the migrations on a scratch database failed, so "
                        + "there is no schema to compare with: " + e.getMessage(), "make the applied migrations run "
                        + "on an empty database (or use --scratch-url with a server that has what they need)", e);
            }
            Snapshot built = scratch.snapshot(db);
            String where = scratch.display() + "/" + db;
            return new Built(Roles.rename(built, Map.of(scratch.role(), live.role())), where);
        }
    }

    private void record(Connection c, HistoryStore history, Instant now, DriftResult result, TargetState state) {
        try {
            if (!DriftRecord.save(c, history, now, result.differences(), state.rows())) {
                listener.notice("not recorded for status: " + history.table() + " does not exist yet");
            }
        } catch (SQLException e) {
            listener.notice("could not record the drift check in " + history.schema() + ".lockstep_meta: "
                    + e.getMessage());
        }
    }
}
