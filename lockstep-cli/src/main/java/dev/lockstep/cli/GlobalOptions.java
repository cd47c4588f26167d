package dev.lockstep.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes besides the settings' own (those come from the {@link dev.lockstep.Setting}
 * registry, see {@link SettingOptions}). Mixed into the top command and each subcommand, so they may be
 * given before or after the subcommand; every value lands in the one {@link Globals} of the run.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Globals globals() {
        return ((LockstepCommand) mixee.root().userObject()).globals;
    }


    @Option(names = "--env", paramLabel = "NAME", description = "Use the [env.NAME] section of lockstep.toml")
    void env(String name) {
        globals().environment = name;
    }






    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default text)")
    void output(String format) {
        globals().output = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> Globals.OutputFormat.TEXT;
            case "json" -> Globals.OutputFormat.JSON;
            default -> throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                    "--output must be text or json, not '" + format + "'");
        };
    }

    @Option(names = "--yes", description = "Do not ask for confirmation")
    void yes(boolean yes) {
        globals().yes = yes;
    }

    @Option(names = {"-v", "--verbose"}, description = "More output")
    void verbose(boolean[] v) {
        globals().verbosity = v.length;
    }

    @Option(names = {"-q", "--quiet"}, description = "No progress or notices: only results and errors")
    void quiet(boolean q) {
        globals().verbosity = q ? -1 : 0;
    }
}
