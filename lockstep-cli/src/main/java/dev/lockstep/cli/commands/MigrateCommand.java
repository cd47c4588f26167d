package dev.lockstep.cli.commands;

import dev.lockstep.CancelBlockers;
import dev.lockstep.Lockstep;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.Phase;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending migrations. --dry-run prints the exact SQL, transaction boundaries and locks, "
                + "and changes nothing.")
public final class MigrateCommand extends Subcommand {
    @Option(names = "--target", paramLabel = "VERSION", description = "Apply up to and including this version")
    String target;

    @Option(names = "--dry-run", description = "Show what would run; change nothing (not even the history schema)")
    boolean dryRun;

    @Option(names = "--phase", paramLabel = "PHASE", description = "expand (the default: contract migrations wait) "
            + "or contract (also the contract migrations, once every expand migration is applied and "
            + "contract-requires passes)")
    String phase;

    @Override
    public Integer call() {
        Console console = console();
        Phase chosen = PhaseOption.parse(phase);
        requireVersion("--target", target);
        var config = config();
        if (!dryRun && config.get(Setting.CANCEL_BLOCKERS) != CancelBlockers.OFF) {
            confirmIfProtected(config, "cancel sessions that block migrations");
        }
        try (var progress = RunText.progress(console)) {
            MigrateResult result = Lockstep.create(config).withListener(progress)
                    .migrate(new MigrateOptions(target, dryRun, chosen, null));
            RunText.render(console, result);
            console.result(result);
        }
        return 0;
    }
}
