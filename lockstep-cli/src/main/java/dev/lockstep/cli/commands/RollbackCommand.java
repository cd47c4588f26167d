package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.MigrateFailedException;
import dev.lockstep.MigrateResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.RunText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Run down scripts, newest first (one migration by default). Refuses, naming them, when one "
                + "has no down script, an empty one, or no file, or is partially applied; nothing is rolled back then.")
public final class RollbackCommand extends Subcommand {
    @ArgGroup(exclusive = true)
    How how;

    static final class How {
        @Option(names = "--steps", paramLabel = "N", description = "Roll back this many migrations")
        Integer steps;

        @Option(names = "--to", paramLabel = "VERSION", description = "Roll back everything above this version")
        String to;
    }

    @Option(names = "--dry-run", description = "Show the down scripts that would run; change nothing")
    boolean dryRun;

    @Option(names = "--partial", description = "Also undo a migration that stopped half-way (statement by "
            + "statement), with its down script")
    boolean partial;

    @Override
    public Integer call() {
        Console console = console();
        Integer steps = how == null ? null : how.steps;
        String to = how == null ? null : how.to;
        if (steps != null && steps < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps must be at least 1");
        }
        requireVersion("--to", to);
        var config = config();
        if (!dryRun) {
            confirmIfProtected(config, "roll back");
        }
        try (var progress = RunText.progress(console)) {
            MigrateResult result;
            try {
                result = Lockstep.create(config).withListener(progress)
                        .rollback(new RollbackOptions(steps, to, dryRun, partial));
            } catch (MigrateFailedException e) {
                if (!e.partial().executed().isEmpty()) {
                    RunText.render(console, e.partial());
                }
                console.failure(e, e.partial());
                return e.exitCode();
            }
            RunText.render(console, result);
            console.result(result);
        }
        return 0;
    }
}
