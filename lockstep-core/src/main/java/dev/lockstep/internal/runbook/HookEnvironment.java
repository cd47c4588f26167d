package dev.lockstep.internal.runbook;

import dev.lockstep.AppliedMigration;
import dev.lockstep.PlannedMigration;
import dev.lockstep.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts of a deploy as {@code LOCKSTEP_*} variables for its hooks: every one is set, empty while not
 * known yet. None carries a password: the database is named as it is shown everywhere else.
 */
final class HookEnvironment {
    private HookEnvironment() {
    }

    static Map<String, String> of(DeployRun run, HookPoint point) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("LOCKSTEP_HOOK", point.key());
        v.put("LOCKSTEP_RUN_ID", run.runId);
        v.put("LOCKSTEP_ENV", text(run.config().environment()));
        v.put("LOCKSTEP_USER", text(run.user));
        v.put("LOCKSTEP_HOST", text(run.host));
        v.put("LOCKSTEP_DATABASE", run.preflight == null ? "" : text(run.preflight.database()));
        v.put("LOCKSTEP_VERSION_BEFORE", run.plan == null ? "" : text(run.plan.versionBefore()));
        v.put("LOCKSTEP_VERSION_TARGET", run.plan == null ? "" : target(run.plan.versionBefore(), run.plan.plan()));
        v.put("LOCKSTEP_PENDING", run.plan == null ? "" : String.join(" ", run.plan.plan().stream()
                .map(p -> p.version() == null ? p.description() : p.version()).toList()));
        v.put("LOCKSTEP_VERSION_AFTER", run.migrate == null ? "" : text(run.migrate.versionAfter()));
        v.put("LOCKSTEP_APPLIED", run.migrate == null ? "" : String.join(" ", run.migrate.executed().stream()
                .map(AppliedMigration::version).filter(x -> x != null).toList()));
        v.put("LOCKSTEP_BACKUP", run.backup == null ? "" : run.backup.location() != null ? run.backup.location() : run.config().path(Setting.BACKUP_DIR).resolve(run.backup.file())
                .toAbsolutePath().toString());
        v.put("LOCKSTEP_REPORT", run.report.toAbsolutePath().toString());
        v.put("LOCKSTEP_REPORT_HTML", run.report.resolveSibling(run.runId + ".html").toAbsolutePath().toString());
        v.put("LOCKSTEP_ON_FAILURE", run.options.onFailure().word());
        v.put("LOCKSTEP_OUTCOME", run.failure == null ? "running" : "failure");
        v.put("LOCKSTEP_FAILED_STEP", text(run.failedStep));
        v.put("LOCKSTEP_ERROR", run.failure == null ? "" : run.failure.getMessage().lines().findFirst().orElse(""));
        v.put("LOCKSTEP_UNDO", undo(run));
        return v;
    }

    private static String target(String before, List<PlannedMigration> plan) {
        for (int i = plan.size() - 1; i >= 0; i--) {
            if (plan.get(i).version() != null) {
                return plan.get(i).version();
            }
        }
        return text(before);
    }

    /** The undo step's outcome and detail, e.g. {@code ok: rolled back 2 migration(s)}. */
    private static String undo(DeployRun run) {
        for (int i = run.steps.size() - 1; i >= 0; i--) {
            var s = run.steps.get(i);
            if (s.name().equals("undo")) {
                return s.outcome() + ": " + text(s.detail());
            }
        }
        return "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
