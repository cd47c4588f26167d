package dev.lockstep.internal.runbook;

import dev.lockstep.AppliedMigration;
import dev.lockstep.DeployResult;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.notify.Webhook;
import dev.lockstep.spi.Notifier;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy}: the runbook as a list of steps — preflight, backup, lint and plan, migrate, verify —
 * with an audit line per step, a JSON and HTML report, and notifications at start, success and
 * failure. A dry run runs the read-only steps only. On a failure it stops, names the step, lists what
 * can undo the run and, when asked, does it.
 */
public final class Deploy {
    private final LockstepConfig config;
    private final RunListener listener;

    public Deploy(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    public DeployResult run(DeployOptions options) {
        String runId = HistoryStore.newRunId();
        DeployRun run = new DeployRun(runId, config, Lockstep.create(config).withListener(listener), options);
        AuditLog audit = new AuditLog(config.embeddedDir().resolve("audit.jsonl"),
                config.auditTable() && !options.dryRun() ? config : null, listener);
        List<Notifier> notifiers = notifiers();
        String where = config.environment() != null ? config.environment() : "(no --env)";
        notify(notifiers, "start", where + ": deploy started" + (options.dryRun() ? " (dry run)" : ""), Map.of(
                "runId", runId, "environment", String.valueOf(config.environment()), "dryRun", options.dryRun()));
        List<DeployResult.Step> steps = new ArrayList<>();
        String failedStep = null;
        LockstepException failure = null;
        for (Step step : DeploySteps.all()) {
            Instant started = config.clock().instant();
            if (failure != null || (options.dryRun() && !step.readOnly())) {
                steps.add(new DeployResult.Step(step.name(), "skipped", started.toString(), 0,
                        failure != null ? "after the failure" : "dry run"));
                continue;
            }
            String outcome = "ok";
            String detail;
            try {
                detail = step.run(run);
            } catch (LockstepException e) {
                failure = e;
                failedStep = step.name();
                outcome = "failed";
                detail = e.getMessage().lines().findFirst().orElse("");
            }
            long took = Duration.between(started, config.clock().instant()).toMillis();
            steps.add(new DeployResult.Step(step.name(), outcome, started.toString(), took, detail));
            audit.append(auditEntry(run, step.name(), started, took, outcome, detail));
        }
        List<String> undo = failure == null ? List.of() : rollbackOptions(run);
        if (failure != null && !options.onFailure().equals("none") && !options.dryRun()) {
            undo = carryOut(run, options.onFailure(), undo, audit);
        }
        String outcome = failure != null ? "failure" : options.dryRun() ? "dry-run" : "success";
        Path report = config.workDir().resolve("reports").resolve(runId + ".json");
        String database = run.preflight != null ? run.preflight.database() : String.valueOf(config.url());
        DeployResult result = new DeployResult(runId, config.environment(), database, options.dryRun(), outcome,
                failedStep, failure == null ? null : failure.getMessage(), List.copyOf(steps), run.preflight, run.backup,
                run.plan, run.migrate, run.verify, List.copyOf(undo), config.shown(report));
        try {
            Reports.write(report, result);
        } catch (IOException e) {
            listener.notice("could not write the report " + report + ": " + e.getMessage());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", runId);
        facts.put("environment", String.valueOf(config.environment()));
        facts.put("outcome", outcome);
        facts.put("failedStep", String.valueOf(failedStep));
        facts.put("versionBefore", run.plan == null ? "" : String.valueOf(run.plan.versionBefore()));
        facts.put("versionAfter", run.migrate == null ? "" : String.valueOf(run.migrate.versionAfter()));
        facts.put("report", config.shown(report));
        notify(notifiers, failure == null ? "success" : "failure", where + ": " + (failure == null
                ? "deploy " + outcome + (run.migrate == null ? "" : ", now at version " + run.migrate.versionAfter())
                : "deploy failed at " + failedStep) + " (report " + config.shown(report) + ")", facts);
        if (failure != null) {
            throw new DeployFailure(failure, result);
        }
        return result;
    }

    /** A deploy that failed: the step's error, with the full result for the report and the rollback options. */
    public static final class DeployFailure extends LockstepException {
        private final transient DeployResult result;

        DeployFailure(LockstepException cause, DeployResult result) {
            super(cause.code(), "deploy failed at step " + result.failedStep() + ": " + cause.getMessage(),
                    cause.hint() + (result.rollbackOptions().isEmpty() ? "" : "; to undo: "
                            + String.join(" or ", result.rollbackOptions())), cause);
            this.result = result;
        }

        public DeployResult result() {
            return result;
        }
    }

    private List<String> rollbackOptions(DeployRun run) {
        List<String> out = new ArrayList<>();
        if (run.migrate != null && !run.migrate.executed().isEmpty()) {
            out.add("lockstep rollback --steps " + run.migrate.executed().size() + " (down scripts of this run)");
        }
        if (run.backup != null && "command".equals(run.backup.providerName())) {
            out.add("restore " + run.backup.summary() + " with the tools that took it");
        } else if (run.backup != null) {
            out.add("lockstep restore " + config.shown(config.backupDir().resolve(run.backup.file())));
        }
        return out;
    }

    /** --on-failure rollback|restore: undo what the run changed, if it changed anything. */
    private List<String> carryOut(DeployRun run, String action, List<String> options, AuditLog audit) {
        Instant started = config.clock().instant();
        String detail;
        try {
            if (action.equals("rollback") && run.migrate != null && !run.migrate.executed().isEmpty()) {
                run.lockstep().rollback(run.migrate.executed().size(), null, false);
                detail = "rolled back " + run.migrate.executed().size() + " migration(s)";
            } else if (action.equals("restore") && run.backup != null) {
                run.lockstep().restore(config.backupDir().resolve(run.backup.file()), null);
                detail = "restored " + run.backup.file();
            } else {
                detail = "nothing to " + action;
            }
        } catch (LockstepException e) {
            detail = action + " failed: " + e.getMessage().lines().findFirst().orElse("");
        }
        listener.notice("on failure: " + detail);
        audit.append(auditEntry(run, "on-failure " + action, started, Duration.between(started,
                config.clock().instant()).toMillis(), detail.contains("failed") ? "failed" : "ok", detail));
        List<String> out = new ArrayList<>(options);
        out.add(0, "done: " + detail);
        return out;
    }

    private Map<String, Object> auditEntry(DeployRun run, String step, Instant started, long took, String outcome,
                                           String detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("runId", run.runId());
        e.put("user", run.options().user());
        e.put("host", run.options().host());
        e.put("environment", config.environment());
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

    private List<Notifier> notifiers() {
        List<Notifier> out = new ArrayList<>();
        var n = config.notifications();
        if (n.slackUrl() != null) {
            out.add(new Webhook("slack", n.slackUrl(), true, n.timeout()));
        }
        if (n.webhookUrl() != null) {
            out.add(new Webhook("json", n.webhookUrl(), false, n.timeout()));
        }
        return out;
    }

    /** A failing notification is logged and never fails the deploy. */
    private void notify(List<Notifier> notifiers, String phase, String summary, Map<String, Object> details) {
        for (Notifier n : notifiers) {
            try {
                n.send(phase, summary, details);
            } catch (Exception e) {
                listener.notice("notification to " + n.name() + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the deploy goes on");
            }
        }
    }
}
