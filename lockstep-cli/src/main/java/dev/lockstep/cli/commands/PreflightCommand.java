package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.PreflightReport;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "The runbook's pre-flight checks, each pass, warn or fail with what it measured. Exit 3 on any "
                + "fail. Changes nothing.")
public final class PreflightCommand extends Subcommand {
    @Option(names = "--outside-window-reason", paramLabel = "TEXT",
            description = "Why running inside the denied deploy window is fine (turns that fail into a warning)")
    String outsideWindowReason;

    @Option(names = "--confirm-env", paramLabel = "NAME",
            description = "With --yes, in CI: the protected environment's name, as a person would type it")
    String confirmEnv;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        if (config.protectedEnvironment()) {
            if (root().globals().yes() && config.environment().equals(confirmEnv)) {
                console.notice("protected environment '" + config.environment() + "' confirmed by --confirm-env");
            } else if (root().globals().yes() || !root().context().terminal()) {
                throw new LockstepException(ErrorCode.BLOCKED, "environment '" + config.environment()
                        + "' is protected and was not confirmed", "run it at a terminal and type the name, or pass "
                        + "--yes --confirm-env " + config.environment());
            } else {
                confirmIfProtected(config, "run the checks against it");
            }
        }
        PreflightReport report = Lockstep.create(config).withListener(new NoticePrinter(console))
                .preflight(outsideWindowReason);
        for (PreflightReport.Check c : report.checks()) {
            console.println(String.format("  %-4s  %-22s %s%s", c.status(), c.name(), c.measured(),
                    c.threshold().isEmpty() ? "" : "  [" + c.threshold() + "]"));
        }
        long fails = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.FAIL).count();
        long warns = report.checks().stream().filter(c -> c.status() == PreflightReport.Status.WARN).count();
        console.println(fails == 0 ? "Preflight passed" + (warns == 0 ? "." : " with " + warns + " warning(s).")
                : "Preflight FAILED: " + fails + " check(s) failed.");
        console.result(report);
        return fails == 0 ? 0 : ErrorCode.BLOCKED.exitCode();
    }
}
