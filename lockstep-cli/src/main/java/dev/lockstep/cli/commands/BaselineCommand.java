package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * No standard --version here: {@code baseline --version V} is how the design and other tools write it, and
 * the standard option would take it for "print the tool's version" and baseline nothing.
 */
@Command(name = "baseline",
        description = "Adopt an existing database: migrations up to VERSION count as applied and will not run.")
public final class BaselineCommand extends Subcommand {
    @Parameters(paramLabel = "VERSION", arity = "0..1", description = "The version the database is at, e.g. 42")
    String version;

    @Option(names = "--detect", description = "Find the version from the live schema (built on a scratch database) "
            + "and propose it; --yes records it without asking")
    boolean detect;

    @Option(names = "--version", paramLabel = "VERSION", description = "The same as the VERSION argument")
    String versionOption;

    @Option(names = "--description", paramLabel = "TEXT", description = "Recorded in the history (default: baseline)")
    String description;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public Integer call() {
        if (version != null && versionOption != null && !version.equals(versionOption)) {
            throw new LockstepException(ErrorCode.USAGE, "two baseline versions: " + version + " and --version "
                    + versionOption, "give one: lockstep baseline " + version);
        }
        String at = version != null ? version : versionOption;
        Console console = console();
        var config = config();
        if (detect == (at != null)) {
            throw new LockstepException(ErrorCode.USAGE, detect ? "give a VERSION or --detect, not both"
                    : "baseline needs a VERSION, or --detect to find it", "see 'lockstep help baseline'");
        }
        confirmIfProtected(config, "baseline");
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        if (detect) {
            at = DetectedBaseline.confirm(console, root().context(), root().globals().yes(), lockstep.detectBaseline());
        }
        at = lockstep.baseline(at, description);
        console.println("Baselined at version " + at + ": migrations up to " + at + " will not run.");
        console.result(Map.of("baseline", at));
        return 0;
    }
}
