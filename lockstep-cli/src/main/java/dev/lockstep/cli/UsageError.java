package dev.lockstep.cli;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** A command line picocli could not read, said as a person would: what is wrong, the likely fix, where help is. */
final class UsageError {
    private UsageError() {
    }

    /**
     * Prints the error as every other error is printed: text on stderr, or one JSON document on stdout when
     * the command line asked for {@code --output json} (read from the words, since the line did not parse).
     * The console redacts every line: an argument may be a URL with a password.
     */
    static int report(ParameterException ex, Console console) {
        console.error(of(ex));
        return ErrorCode.USAGE.exitCode();
    }

    /** Whether a command line that could not be parsed asked for JSON output. */
    static boolean asksForJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--output") && i + 1 < args.length && args[i + 1].equalsIgnoreCase("json"))
                    || args[i].equalsIgnoreCase("--output=json")) {
                return true;
            }
        }
        return false;
    }

    static LockstepException of(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        boolean root = cl.getParent() == null;
        String help = root ? "'lockstep --help' lists the commands"
                : "'lockstep help " + command.substring("lockstep ".length()) + "' shows its options";
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                return usage("unknown option '" + name + "'" + (root ? "" : " of " + command),
                        suggestion(name, optionNames(cl)) + help);
            }
            if (root) {
                return usage("unknown command '" + arg + "'", suggestion(arg, commandNames(cl)) + help);
            }
            if (!cl.getSubcommands().isEmpty()) {
                // lockstep embedded stp: a command of its own commands
                return usage("unknown command '" + arg + "' of " + command, suggestion(arg, commandNames(cl))
                        + "'lockstep help " + command.substring("lockstep ".length()) + "' lists its commands");
            }
            return usage("unexpected argument '" + arg + "' for " + command, help);
        }
        String message = ex.getMessage() == null ? "" : ex.getMessage();
        if (message.startsWith("Error: ")) {
            message = message.substring("Error: ".length()); // picocli's own prefix, before ours
        }
        if (message.startsWith("Unknown subcommand '") && message.indexOf('\'', 20) > 20) {
            // lockstep help stauts: picocli's help command names the unknown command in its message
            String typed = message.substring(20, message.indexOf('\'', 20));
            CommandLine top = cl.getParent() != null ? cl.getParent() : cl;
            return usage("unknown command '" + typed + "'", suggestion(typed, commandNames(top))
                    + "'lockstep --help' lists the commands");
        }
        return usage(message, help);
    }

    private static LockstepException usage(String message, String hint) {
        return new LockstepException(ErrorCode.USAGE, message, hint);
    }

    private static String suggestion(String typed, List<String> known) {
        String c = DidYouMean.closest(typed, known);
        return c == null ? "" : "did you mean '" + c + "'? ";
    }

    private static List<String> optionNames(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            names.addAll(List.of(o.names()));
        }
        return names;
    }

    private static List<String> commandNames(CommandLine cl) {
        return cl.getSubcommands().keySet().stream().filter(n -> !n.startsWith("_")).toList();
    }
}
