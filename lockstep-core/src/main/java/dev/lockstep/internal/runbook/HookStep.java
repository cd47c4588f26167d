package dev.lockstep.internal.runbook;

import dev.lockstep.HookCommand;
import dev.lockstep.HookFailure;
import dev.lockstep.HookResult;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.shell.ShellCommand;
import dev.lockstep.spi.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands of one {@code [hooks]} point, in order, each with the run's {@code LOCKSTEP_*} variables,
 * its working directory and timeout; what each printed goes to the report and the audit log. A failing
 * before-hook stops the deploy (exit 3) before anything changes; a failing after-hook fails the deploy
 * (exit 5) or, with {@code hook-failure = warn}, is a warning; after a failure every command runs and
 * a failing one is reported.
 */
final class HookStep implements Step {
    private final HookPoint point;
    private final List<HookCommand> commands;
    private final RunListener listener;

    HookStep(HookPoint point, List<HookCommand> commands, RunListener listener) {
        this.point = point;
        this.commands = commands;
        this.listener = listener;
    }

    @Override
    public String name() {
        return point.key();
    }

    @Override
    public When when() {
        return point.afterAFailure() ? When.ON_FAILURE : When.UNTIL_FAILURE;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public boolean applies(DeployRun run) {
        if (point != HookPoint.AFTER_UNDO) {
            return true;
        }
        return run.steps.stream().anyMatch(s -> s.name().equals("undo") && !s.outcome().equals("skipped"));
    }

    @Override
    public String run(DeployRun run) {
        boolean warnOnly = !point.stopsTheDeploy() && !point.afterAFailure()
                && run.config().get(Setting.HOOK_FAILURE) == HookFailure.WARN;
        List<HookResult> results = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            for (HookCommand command : commands) {
                HookResult r = runOne(run, command, warnOnly);
                results.add(r);
                run.hooks.add(r);
                if (!r.outcome().equals("ok")) {
                    failed.add("`" + r.command() + "` " + summary(r));
                    if (!warnOnly && !point.afterAFailure()) {
                        break;
                    }
                }
            }
        } finally {
            run.auditExtras.put(name(), Map.of("hooks", List.copyOf(results)));
        }
        String detail = results.size() + " of " + commands.size() + " command(s) ran";
        if (failed.isEmpty()) {
            return detail + ", all ok";
        }
        String what = point.key() + " hook " + failed.get(0) + (failed.size() > 1 ? " (and " + (failed.size() - 1)
                + " more)" : "");
        if (warnOnly) {
            throw new StepWarning(what + " (hook-failure = warn: the deploy goes on)");
        }
        if (point.stopsTheDeploy()) {
            throw new LockstepException(ErrorCode.BLOCKED, what + "; the deploy stopped before "
                    + (point == HookPoint.BEFORE_DEPLOY ? "it began" : "migrating") + ", nothing was migrated",
                    "the hook's output is in the report and the audit log; fix it and deploy again");
        }
        throw new LockstepException(point.afterAFailure() ? ErrorCode.INTERNAL : ErrorCode.VALIDATION, what,
                "the hook's output is in the report and the audit log; set [hooks] hook-failure = \"warn\" to "
                        + "report a failing after-hook without failing the deploy");
    }

    private HookResult runOne(DeployRun run, HookCommand command, boolean warnOnly) {
        Path dir = run.config().workDir().resolve(command.dir() != null ? command.dir()
                : run.config().path(Setting.HOOK_DIR)).normalize();
        Duration timeout = command.timeout() != null ? command.timeout() : run.config().get(Setting.HOOK_TIMEOUT);
        listener.notice(point.key() + " hook: " + command.run());
        ShellCommand.Outcome o = Files.isDirectory(dir)
                ? ShellCommand.run(command.run(), dir, HookEnvironment.of(run, point), timeout)
                : new ShellCommand.Outcome(null, "its working directory " + run.config().shown(dir)
                + " does not exist", "", 0);
        String outcome = o.ok() ? "ok" : warnOnly ? "warning" : "failed";
        HookResult r = new HookResult(point.key(), command.run(), run.config().shown(dir), outcome, o.exitCode(),
                o.problem(), o.durationMs(), o.output());
        if (!o.ok()) {
            listener.notice(point.key() + " hook `" + command.run() + "` " + o.summary()
                    + (o.output().isEmpty() ? "" : ":\n" + o.output()));
        }
        return r;
    }

    private static String summary(HookResult r) {
        String last = r.output() == null || r.output().isEmpty() ? ""
                : ": " + r.output().lines().reduce((a, b) -> b).orElse("");
        return (r.exitCode() != null ? "exit " + r.exitCode() : r.problem()) + last;
    }
}
