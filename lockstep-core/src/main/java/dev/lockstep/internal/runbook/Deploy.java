package dev.lockstep.internal.runbook;

import dev.lockstep.AppliedMigration;
import dev.lockstep.DeployFailedException;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.notify.Notifications;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy}: runs the steps of {@link DeploySteps} against {@link Operations}, with an audit line per
 * step. A dry run runs the read-only steps only. A failed step stops the steps that follow it, except
 * those that run on a failure (undo) or always (report, notify); then a {@link DeployFailedException}
 * carries the result.
 */
public final class Deploy {
    private final Operations ops;
    private final RunListener listener;

    public Deploy(Operations ops, RunListener listener) {
        this.ops = ops;
        this.listener = listener;
    }

    public DeployResult run(DeployOptions options, String user, String host) {
        LockstepConfig config = ops.config();
        DeployRun run = new DeployRun(HistoryStore.newRunId(), ops, options, user, host,
                Notifications.of(config, listener));
        AuditLog audit = new AuditLog(config.workDir().resolve(".lockstep").resolve("audit.jsonl"),
                config.get(Setting.AUDIT_TABLE) && !options.dryRun() ? config : null, listener);
        for (Step step : DeploySteps.all()) {
            Instant started = config.clock().instant();
            String skipped = skipReason(step, run);
            if (skipped != null) {
                run.steps.add(new DeployResult.Step(step.name(), "skipped", started.toString(), 0, skipped));
                continue;
            }
            String outcome = "ok";
            String detail;
            try {
                detail = step.run(run);
            } catch (LockstepException e) {
                outcome = "failed";
                detail = e.getMessage().lines().findFirst().orElse("");
                if (run.failure == null) {
                    run.failure = e;
                    run.failedStep = step.name();
                    run.undo = Undo.advice(run);
                } else {
                    listener.notice(step.name() + " failed: " + detail);
                }
            }
            long took = Duration.between(started, config.clock().instant()).toMillis();
            run.steps.add(new DeployResult.Step(step.name(), outcome, started.toString(), took, detail));
            audit.append(auditEntry(run, step.name(), started, took, outcome, detail));
        }
        DeployResult result = run.result();
        if (run.failure != null) {
            throw new DeployFailedException(run.failure, result);
        }
        return result;
    }

    /** Why a step does not run in this deploy, or null when it does. */
    private static String skipReason(Step step, DeployRun run) {
        boolean failed = run.failure != null;
        if (step.when() == Step.When.UNTIL_FAILURE && failed) {
            return "after the failure";
        }
        if (step.when() == Step.When.ON_FAILURE && !failed) {
            return "nothing failed";
        }
        if (run.options.dryRun() && !step.readOnly()) {
            return "dry run";
        }
        return step.applies(run) ? null : "not configured";
    }

    private static Map<String, Object> auditEntry(DeployRun run, String step, Instant started, long took,
                                                  String outcome, String detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("runId", run.runId);
        e.put("user", run.user);
        e.put("host", run.host);
        e.put("environment", run.config().environment());
        e.put("step", step);
        e.put("startedAt", started.toString());
        e.put("finishedAt", started.plusMillis(took).toString());
        e.put("durationMs", took);
        e.put("outcome", outcome);
        e.put("detail", detail);
        e.put("migrations", run.migrate == null ? List.of()
                : run.migrate.executed().stream().map(AppliedMigration::version).toList());
        e.put("backup", run.backup == null ? null : run.backup.file());
        return e;
    }
}
