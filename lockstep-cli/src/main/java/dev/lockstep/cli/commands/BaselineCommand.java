package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Adopt an existing database: migrations up to VERSION count as applied and will not run.")
public final class BaselineCommand extends Subcommand {
    @Option(names = "--version", paramLabel = "VERSION", description = "The version the database is at")
    String version;

    @Option(names = "--detect", description = "Find the version from the live schema (built on a scratch database) "
            + "and propose it; --yes records it without asking")
    boolean detect;

    @Option(names = "--description", paramLabel = "TEXT", description = "Recorded in the history (default: baseline)")
    String description;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        if (detect == (version != null)) {
            throw new LockstepException(ErrorCode.USAGE, detect ? "give --version or --detect, not both"
                    : "baseline needs --version VERSION, or --detect to find it", "lockstep baseline --help");
        }
        confirmIfProtected(config, "baseline");
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        String at = version;
        if (detect) {
            at = DetectedBaseline.confirm(console, root().context(), root().globals().yes(), lockstep.detectBaseline());
        }
        at = lockstep.baseline(at, description);
        console.println("Baselined at version " + at + ": migrations up to " + at + " will not run.");
        console.result(Map.of("baseline", at));
        return 0;
    }
}
