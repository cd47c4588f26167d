package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Adopt an existing database: migrations up to VERSION count as applied and will not run.")
public final class BaselineCommand extends Subcommand {
    @Parameters(paramLabel = "VERSION", description = "The version the database is at, e.g. 42")
    String version;

    @Option(names = "--description", paramLabel = "TEXT", description = "Recorded in the history (default: baseline)")
    String description;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        confirmIfProtected(config, "baseline");
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        String at = lockstep.baseline(version, description);
        console.println("Baselined at version " + at + ": migrations up to " + at + " will not run.");
        console.result(Map.of("baseline", at));
        return 0;
    }
}
