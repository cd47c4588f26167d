package dev.lockstep.internal.runbook;

import dev.lockstep.BackupManifest;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.VerifyReport;

/** One deploy in progress: its id, options, the facade the steps call, and what each step found. */
final class DeployRun {
    private final String runId;
    private final LockstepConfig config;
    private final Lockstep lockstep;
    private final DeployOptions options;
    PreflightReport preflight;
    BackupManifest backup;
    MigrateResult plan;
    MigrateResult migrate;
    VerifyReport verify;

    DeployRun(String runId, LockstepConfig config, Lockstep lockstep, DeployOptions options) {
        this.runId = runId;
        this.config = config;
        this.lockstep = lockstep;
        this.options = options;
    }

    String runId() {
        return runId;
    }

    LockstepConfig config() {
        return config;
    }

    Lockstep lockstep() {
        return lockstep;
    }

    DeployOptions options() {
        return options;
    }
}
