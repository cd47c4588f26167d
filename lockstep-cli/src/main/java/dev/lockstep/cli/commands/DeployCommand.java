package dev.lockstep.cli.commands;

import dev.lockstep.DeployFailedException;
import dev.lockstep.DeployOptions;
import dev.lockstep.DeployResult;
import dev.lockstep.Lockstep;
import dev.lockstep.Phase;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.DeployPlanText;
import dev.lockstep.cli.render.RunText;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "The whole runbook: preflight, backup, lint and plan, migrate, verify; with an audit log, a "
                + "JSON and HTML report, and notifications.")
public final class DeployCommand extends Subcommand {
    @Option(names = "--dry-run", description = "Run the read-only steps only (preflight, plan, verify)")
    boolean dryRun;

    @Option(names = "--outside-window-reason", paramLabel = "TEXT", description = "Why deploying inside the denied "
            + "window is fine")
    String outsideWindowReason;

    @Option(names = "--on-failure", paramLabel = "ACTION", description = "none (default), rollback (this run's down "
            + "scripts) or restore (the backup just taken)")
    String onFailure = "none";

    @Option(names = "--confirm-env", paramLabel = "NAME", description = "With --yes, in CI: the protected environment's name")
    String confirmEnv;

    @Option(names = "--plan-out", paramLabel = "FILE", description = "Save the plan (JSON, with its hash) for review "
            + "and approval")
    Path planOut;

    @Option(names = "--plan", paramLabel = "FILE", description = "Apply exactly this saved plan; refused (exit 5, "
            + "naming what changed) when a plan made now differs")
    Path plan;

    @Option(names = "--phase", paramLabel = "PHASE", description = "expand (default: contract migrations wait) or "
            + "contract (see migrate --phase); with --plan, the plan's phase")
    String phase;

    @Override
    public Integer call() {
        Console console = console();
        DeployOptions.OnFailure action;
        try {
            action = DeployOptions.OnFailure.parse(onFailure);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.USAGE, "--on-failure must be none, rollback or restore, not '"
                    + onFailure + "'", "lockstep deploy --help");
        }
        Phase chosen = PhaseOption.parse(phase);
        var config = config();
        if (config.protectedEnvironment() && !dryRun) {
            if (root().globals().yes() && config.environment().equals(confirmEnv)) {
                console.notice("protected environment '" + config.environment() + "' confirmed by --confirm-env");
            } else if (root().globals().yes() || !root().context().terminal()) {
                throw new LockstepException(ErrorCode.BLOCKED, "environment '" + config.environment()
                        + "' is protected and the deploy was not confirmed; nothing was done",
                        "run it at a terminal and type the name, or pass --yes --confirm-env " + config.environment());
            } else {
                confirmIfProtected(config, "deploy to it");
            }
        }
        try (var progress = RunText.progress(console)) {
            DeployResult r;
            try {
                r = Lockstep.create(config).withListener(progress)
                        .deploy(new DeployOptions(dryRun, outsideWindowReason, action, chosen, plan, planOut));
            } catch (DeployFailedException failure) {
                render(console, failure.result());
                console.failure(failure, failure.result());
                return failure.exitCode();
            }
            render(console, r);
            console.result(r);
        }
        return 0;
    }

    private void render(Console console, DeployResult r) {
        if (dryRun || planOut != null) {
            DeployPlanText.render(console, r);
            console.println("");
        }
        for (DeployResult.Step s : r.steps()) {
            console.println(String.format("  %-7s %-10s %7d ms  %s", s.outcome(), s.name(), s.durationMs(), s.detail()));
        }
        console.println(switch (r.outcome()) {
            case "success" -> "Deployed.";
            case "dry-run" -> "Dry run: nothing was changed.";
            default -> "Deploy FAILED at " + r.failedStep() + ".";
        } + " Report: " + r.report() + " (and .html)");
        if (r.failedMigration() != null && r.failedMigration().partial()) {
            var f = r.failedMigration();
            console.println("  migration " + f.version() + " stopped half-way, statement by statement: "
                    + (f.statementsApplied() == null ? "some" : f.statementsApplied() + " of " + f.statementsTotal())
                    + " statement(s) had run");
        }
        if (r.undo() != null) {
            console.println("  undo (" + r.undo().action() + "): " + r.undo().outcome() + ": " + r.undo().detail());
        }
        for (String undo : r.rollbackOptions()) {
            console.println("  to undo: " + undo);
        }
    }
}
