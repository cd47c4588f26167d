package dev.lockstep.cli;

import dev.lockstep.error.ErrorCode;
import java.io.PrintStream;
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

    /** @param redact applied to every line: an argument may be a URL with a password */
    static int report(ParameterException ex, PrintStream out, java.util.function.UnaryOperator<String> redact) {
        java.util.function.Consumer<String> err = line -> out.println(redact.apply(line));
        CommandLine cl = ex.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        boolean root = cl.getParent() == null;
        String help = root ? "'lockstep --help' lists the commands"
                : "'lockstep help " + command.substring("lockstep ".length()) + "' shows its options";
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                err.accept("error: unknown option '" + name + "'" + (root ? "" : " of " + command));
                err.accept("hint: " + suggestion(name, optionNames(cl)) + help);
            } else if (root) {
                err.accept("error: unknown command '" + arg + "'");
                err.accept("hint: " + suggestion(arg, commandNames(cl)) + help);
            } else {
                err.accept("error: unexpected argument '" + arg + "' for " + command);
                err.accept("hint: " + help);
            }
            return ErrorCode.USAGE.exitCode();
        }
        err.accept("error: " + ex.getMessage());
        err.accept("hint: " + help);
        return ErrorCode.USAGE.exitCode();
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
