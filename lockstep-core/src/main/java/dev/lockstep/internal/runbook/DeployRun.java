package dev.lockstep.internal.runbook;

import dev.lockstep.BackupManifest;
import dev.lockstep.DeployPlan;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.HookResult;
import dev.lockstep.FailedMigration;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.VerifyReport;
import dev.lockstep.WatchReport;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.notify.Notifications;
import dev.lockstep.internal.watch.Watch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One deploy in progress: its id, options, the operations its steps use, and what each step found. */
final class DeployRun {
    final String runId;
    final Operations ops;
    final DeployOptions options;
    final String user;
    final String host;
    final Notifications notifications;
    final Path report;
    final List<DeployResult.Step> steps = new ArrayList<>();
    PreflightReport preflight;
    BackupManifest backup;
    MigrateResult plan;
    DeployPlan reviewed;
    MigrateResult migrate;
    FailedMigration failedMigration;
    VerifyReport verify;
    String failedStep;
    LockstepException failure;
    /** The hook commands that ran, in order. */
    final List<HookResult> hooks = new ArrayList<>();
    /** More facts for a step's audit entry, by step name. */
    final Map<String, Map<String, Object>> auditExtras = new HashMap<>();
    Watch watcher;
    WatchReport watch;
    /** What would still undo the run, as commands. */
    List<String> advice = List.of();
    DeployResult.Undo undone;
    /** Whether an undo ran to its end, and the version it left (null: none applied). */
    boolean undoneTo;
    String versionAfterUndo;

    DeployRun(String runId, Operations ops, DeployOptions options, String user, String host, Notifications notifications) {
        this.runId = runId;
        this.ops = ops;
        this.options = options;
        this.user = user;
        this.host = host;
        this.notifications = notifications;
        this.report = ops.config().workDir().resolve("reports").resolve(runId + ".json");
    }

    LockstepConfig config() {
        return ops.config();
    }

    String where() {
        return config().environment() != null ? config().environment() : "(no --env)";
    }

    String outcome() {
        return failure != null ? "failure" : options.dryRun() ? "dry-run" : "success";
    }

    /** What the run did so far, as the report and the caller see it. */
    DeployResult result() {
        String database = preflight != null ? preflight.database() : null;
        return new DeployResult(runId, config().environment(), database, options.dryRun(), outcome(), failedStep,
                failure == null ? null : failure.getMessage(), List.copyOf(steps), preflight, backup, plan, migrate,
                verify, List.copyOf(advice), config().shown(report), reviewed, List.copyOf(hooks), watch,
                failedMigration, undone);
    }
}
