package dev.lockstep.internal.runbook;

import dev.lockstep.BackupManifest;
import dev.lockstep.MigrateResult;
import dev.lockstep.PreflightReport;
import dev.lockstep.VerifyReport;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.List;

/** The deploy runbook: preflight, backup, lint and plan, migrate, verify. */
final class DeploySteps {
    private DeploySteps() {
    }

    static List<Step> all() {
        return List.of(step("preflight", true, DeploySteps::preflight), step("backup", false, DeploySteps::backup),
                step("plan", true, DeploySteps::plan), step("migrate", false, DeploySteps::migrate),
                step("verify", true, DeploySteps::verify));
    }

    private interface Body {
        String run(DeployRun run);
    }

    private static Step step(String name, boolean readOnly, Body body) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean readOnly() {
                return readOnly;
            }

            @Override
            public String run(DeployRun run) {
                return body.run(run);
            }
        };
    }

    private static String preflight(DeployRun run) {
        PreflightReport report = run.lockstep().preflight(run.options().outsideWindowReason());
        run.preflight = report;
        List<String> failed = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.FAIL)
                .map(c -> c.name() + ": " + c.measured()).toList();
        if (!failed.isEmpty()) {
            throw new LockstepException(ErrorCode.BLOCKED, "preflight failed: " + String.join("; ", failed),
                    "lockstep preflight shows every check; fix them, or override the deploy window with "
                            + "--outside-window-reason");
        }
        return report.checks().size() + " checks passed" + warnings(report);
    }

    private static String warnings(PreflightReport report) {
        long warn = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.WARN).count();
        return warn == 0 ? "" : ", " + warn + " warning(s)";
    }

    private static String backup(DeployRun run) {
        BackupManifest b = run.lockstep().backup();
        run.backup = b;
        return b.file() + " (" + b.summary() + ")";
    }

    private static String plan(DeployRun run) {
        MigrateResult plan = run.lockstep().migrate(null, true);
        run.plan = plan;
        long errors = plan.plan().stream().flatMap(p -> p.findings().stream())
                .filter(v -> v.severity() == dev.lockstep.lint.Severity.ERROR).count();
        if (errors > 0 && !run.config().lint().allowUnsafe()) {
            throw new LockstepException(ErrorCode.BLOCKED, errors + " lint error(s) in the pending migrations",
                    "lockstep lint shows them; fix, suppress with a reason, or pass --allow-unsafe");
        }
        return plan.plan().size() + " migration(s) to apply" + (errors > 0 ? ", " + errors + " lint error(s) allowed" : "");
    }

    private static String migrate(DeployRun run) {
        MigrateResult r = run.lockstep().migrate();
        run.migrate = r;
        return "applied " + r.executed().size() + " migration(s); now at version " + r.versionAfter();
    }

    private static String verify(DeployRun run) {
        VerifyReport r = run.lockstep().verify();
        run.verify = r;
        long failed = r.results().stream().filter(x -> !x.passed()).count();
        if (failed > 0) {
            VerifyReport.Result first = r.results().stream().filter(x -> !x.passed()).findFirst().orElseThrow();
            throw new LockstepException(ErrorCode.VALIDATION, failed + " verification check(s) failed, first: "
                    + first.name() + ": " + first.detail().lines().findFirst().orElse(""),
                    "lockstep verify shows every check");
        }
        return r.results().size() + " check(s) passed";
    }
}
