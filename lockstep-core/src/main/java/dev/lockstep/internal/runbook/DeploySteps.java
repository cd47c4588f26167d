package dev.lockstep.internal.runbook;

import dev.lockstep.BackupManifest;
import dev.lockstep.DeployOptions.OnFailure;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.Setting;
import dev.lockstep.VerifyReport;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.execute.LintGate;
import dev.lockstep.lint.Violation;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The deploy runbook: announce, preflight, backup, lint and plan, migrate, verify; undo when a step
 * failed and {@code --on-failure} asks; then the report and the notification, whatever happened.
 */
final class DeploySteps {
    private DeploySteps() {
    }

    static List<Step> all() {
        return List.of(
                step("announce", Step.When.ALWAYS, true, DeploySteps::announce, run -> run.notifications.any()),
                step("preflight", Step.When.UNTIL_FAILURE, true, DeploySteps::preflight, run -> true),
                step("backup", Step.When.UNTIL_FAILURE, false, DeploySteps::backup, run -> true),
                step("plan", Step.When.UNTIL_FAILURE, true, DeploySteps::plan, run -> true),
                step("migrate", Step.When.UNTIL_FAILURE, false, DeploySteps::migrate, run -> true),
                step("verify", Step.When.UNTIL_FAILURE, true, DeploySteps::verify, run -> true),
                step("undo", Step.When.ON_FAILURE, false, DeploySteps::undo,
                        run -> run.options.onFailure() != OnFailure.NONE),
                step("report", Step.When.ALWAYS, true, DeploySteps::report, run -> true),
                step("notify", Step.When.ALWAYS, true, DeploySteps::notify, run -> run.notifications.any()));
    }

    private static Step step(String name, Step.When when, boolean readOnly, Function<DeployRun, String> body,
                             Predicate<DeployRun> applies) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public When when() {
                return when;
            }

            @Override
            public boolean readOnly() {
                return readOnly;
            }

            @Override
            public boolean applies(DeployRun run) {
                return applies.test(run);
            }

            @Override
            public String run(DeployRun run) {
                return body.apply(run);
            }
        };
    }

    private static String announce(DeployRun run) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", run.runId);
        facts.put("environment", run.config().environment());
        facts.put("dryRun", run.options.dryRun());
        int sent = run.notifications.send("start", run.where() + ": deploy started"
                + (run.options.dryRun() ? " (dry run)" : ""), facts);
        return "told " + sent + " notifier(s)";
    }

    private static String preflight(DeployRun run) {
        PreflightReport report = run.ops.preflight(run.options.outsideWindowReason());
        run.preflight = report;
        List<String> failed = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.FAIL)
                .map(c -> c.name() + ": " + c.measured()).toList();
        if (!failed.isEmpty()) {
            throw new LockstepException(ErrorCode.BLOCKED, "preflight failed: " + String.join("; ", failed),
                    "lockstep preflight shows every check; fix them, or override the deploy window with "
                            + "--outside-window-reason");
        }
        long warn = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.WARN).count();
        return report.checks().size() + " checks passed" + (warn == 0 ? "" : ", " + warn + " warning(s)");
    }

    private static String backup(DeployRun run) {
        BackupManifest b = run.ops.backup();
        run.backup = b;
        return b.file() + " (" + b.summary() + ")";
    }

    private static String plan(DeployRun run) {
        MigrateResult plan = run.ops.migrate(MigrateOptions.ALL.asDryRun());
        run.plan = plan;
        List<Violation> findings = plan.plan().stream().flatMap(p -> p.findings().stream()).toList();
        LintGate.refuse(LintGate.blocking(findings, run.config().get(Setting.ALLOW_UNSAFE)));
        long errors = LintGate.blocking(findings, false).size();
        return plan.plan().size() + " migration(s) to apply" + (errors > 0 ? ", " + errors + " lint error(s) allowed" : "");
    }

    private static String migrate(DeployRun run) {
        MigrateResult r = run.ops.migrate(MigrateOptions.ALL);
        run.migrate = r;
        return "applied " + r.executed().size() + " migration(s); now at version " + r.versionAfter();
    }

    private static String verify(DeployRun run) {
        VerifyReport r = run.ops.verify();
        run.verify = r;
        long failed = r.results().stream().filter(x -> !x.passed()).count();
        if (failed > 0) {
            VerifyReport.Result first = r.results().stream().filter(x -> !x.passed()).findFirst().orElseThrow();
            throw new LockstepException(ErrorCode.VALIDATION, failed + " verification check(s) failed, first: "
                    + first.name() + ": " + first.detail(),
                    "lockstep verify shows every check");
        }
        return r.results().size() + " check(s) passed";
    }

    private static String undo(DeployRun run) {
        String done = Undo.carryOut(run);
        List<String> advice = new java.util.ArrayList<>(run.undo);
        advice.add(0, "done: " + done);
        run.undo = List.copyOf(advice);
        return done;
    }

    private static String report(DeployRun run) {
        try {
            Reports.write(run.report, run.result());
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.INTERNAL, "could not write the report " + run.report + ": "
                    + e.getMessage(), "check that the working directory is writable");
        }
        return run.config().shown(run.report);
    }

    private static String notify(DeployRun run) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runId", run.runId);
        facts.put("environment", run.config().environment());
        facts.put("outcome", run.outcome());
        facts.put("failedStep", run.failedStep);
        facts.put("versionBefore", run.plan == null ? null : run.plan.versionBefore());
        facts.put("versionAfter", run.migrate == null ? null : run.migrate.versionAfter());
        facts.put("report", run.config().shown(run.report));
        String shown = run.config().shown(run.report);
        String summary = run.where() + ": " + (run.failure == null ? "deploy " + run.outcome()
                + (run.migrate == null ? "" : ", now at version " + run.migrate.versionAfter())
                : "deploy failed at " + run.failedStep) + " (report " + shown + ")";
        int sent = run.notifications.send(run.failure == null ? "success" : "failure", summary, facts);
        return "told " + sent + " notifier(s)";
    }
}
