package dev.lockstep.internal.runbook;

import dev.lockstep.BackupManifest;
import dev.lockstep.DeployPlan;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.Phase;
import dev.lockstep.PreflightReport;
import dev.lockstep.RestoreResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.VerifyReport;
import java.nio.file.Path;

/** What a runbook's steps may do to the target. The facade offers the same operations to users. */
public interface Operations {
    LockstepConfig config();

    PreflightReport preflight(String outsideWindowReason);

    BackupManifest backup();

    MigrateResult migrate(MigrateOptions options);

    /** The plan a deploy in this phase would run, for review, with its hash; changes nothing. */
    DeployPlan reviewPlan(Phase phase, String user);

    MigrateResult rollback(RollbackOptions options);

    VerifyReport verify();

    /**
     * Restores a backup in place ({@code toNew} null) or into a new database, and compares it with the
     * backup's catalog fingerprint.
     *
     * @throws dev.lockstep.RestoreMismatchException when the restored database differs from the backup
     */
    RestoreResult restore(Path file, String toNew);
}
