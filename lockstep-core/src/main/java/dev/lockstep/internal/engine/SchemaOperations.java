package dev.lockstep.internal.engine;

import dev.lockstep.BaselineDetection;
import dev.lockstep.DriftResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.RehearsalResult;
import dev.lockstep.Setting;
import dev.lockstep.SnapshotResult;
import dev.lockstep.internal.drift.BaselineDetector;
import dev.lockstep.internal.drift.DriftCheck;
import dev.lockstep.internal.drift.Snapshots;
import dev.lockstep.internal.rehearse.Rehearsal;
import dev.lockstep.spi.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operations that hold the live schema against what the migrations produce: the schema snapshot
 * (on request, and kept current after a run that changed the schema), drift, rehearsal and the
 * detection of the version an unmanaged database is at.
 */
final class SchemaOperations {
    private final LockstepConfig config;
    private final RunListener listener;

    SchemaOperations(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** With {@code snapshot-file}: rewrites it after a run that changed the schema (or when it is missing). */
    MigrateResult refreshSnapshot(MigrateResult r) {
        Path file = config.path(Setting.SNAPSHOT_FILE);
        if (file != null && !r.dryRun() && (!r.executed().isEmpty() || !Files.exists(file))) {
            SnapshotResult s = new Snapshots(config, listener).take(file);
            listener.notice("wrote the schema snapshot " + s.file() + " (" + s.objects() + " objects)");
        }
        return r;
    }

    SnapshotResult snapshot(Path out) {
        return new Snapshots(config, listener).take(out == null ? null : config.workDir().resolve(out));
    }

    DriftResult drift() {
        return new DriftCheck(config, listener, ToolVersion.current()).run();
    }

    RehearsalResult rehearse(Path fromDump) {
        return new Rehearsal(config, listener, ToolVersion.current()).run(fromDump);
    }

    BaselineDetection detectBaseline() {
        return new BaselineDetector(config, listener, ToolVersion.current()).detect();
    }
}
