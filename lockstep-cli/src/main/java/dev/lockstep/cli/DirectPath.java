package dev.lockstep.cli;

import dev.lockstep.Setting;
import dev.lockstep.cli.commands.LintCommand;
import dev.lockstep.cli.commands.SnapshotCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs {@code lint} and {@code snapshot} without building the command-line model. Both run from scripts,
 * editors and hooks where the whole process is the cost, and reflecting over the commands' options
 * (picocli loads and initialises about 150 classes that cannot be shared between processes) takes longer
 * than linting a file. A command line made only of options this class knows runs the command directly;
 * anything else (help, an unknown or malformed option, a value picocli would reject) returns null and goes
 * through picocli, which gives the usual messages. The results are the same either way (DirectPathTest).
 */
final class DirectPath {
    /** What a command takes besides the settings' options and the global ones. */
    private record Shape(Set<String> valueOptions, Set<String> flags, boolean paths) {
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "lint", new Shape(Set.of("--format", "--fail-on"), Set.of("--explain"), true),
            "snapshot", new Shape(Set.of("--out"), Set.of(), false));

    private DirectPath() {
    }

    /** The exit code of the command line, or null when it is not one this class runs. */
    static Integer run(CliContext context, String command, String[] args) {
        Shape shape = SHAPES.get(command);
        if (shape == null) {
            return null;
        }
        LockstepCommand root = new LockstepCommand(context);
        Globals g = root.globals;
        Map<String, Setting<?>> settings = valueSettings(command);
        Map<String, String> values = new HashMap<>();
        List<String> flags = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean seenCommand = false;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            // A value that looks like an option, or an option given twice: picocli's rules, picocli's message.
            boolean hasValue = i + 1 < args.length && (!args[i + 1].startsWith("-") || args[i + 1].equals("-"));
            if (a.startsWith("-") && !a.equals("-") && !seen.add(a)) {
                return null;
            }
            if (settings.containsKey(a) && hasValue) {
                if (!seenCommand && !settings.get(a).commands().isEmpty()) {
                    return null;
                }
                g.settings.put(settings.get(a), args[++i]);
            } else if (a.equals("--env") && hasValue) {
                g.environment = args[++i];
            } else if (a.equals("--output") && hasValue) {
                String v = args[++i].toLowerCase(Locale.ROOT);
                if (!v.equals("text") && !v.equals("json")) {
                    return null;
                }
                g.output = v.equals("json") ? Globals.OutputFormat.JSON : Globals.OutputFormat.TEXT;
            } else if (a.equals("--yes")) {
                g.yes = true;
            } else if (a.equals("-v") || a.equals("--verbose")) {
                g.verbosity = Math.max(0, g.verbosity) + 1;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                g.verbosity = -1;
            } else if (!seenCommand && a.equals(command)) {
                seenCommand = true;
            } else if (seenCommand && shape.valueOptions().contains(a) && hasValue) {
                values.put(a, args[++i]);
            } else if (seenCommand && shape.flags().contains(a)) {
                flags.add(a);
            } else if (seenCommand && shape.paths() && (a.equals("-") || !a.startsWith("-"))) {
                paths.add(a);
            } else {
                return null;
            }
        }
        if (!seenCommand) {
            return null;
        }
        // --url and DATABASE_URL may hold a password: nothing the command prints may show it.
        g.redact = dev.lockstep.Lockstep.redactor(context.env(), List.of(args));
        Callable<Integer> call = command.equals("lint")
                ? LintCommand.direct(root, paths, values.get("--format"), values.getOrDefault("--fail-on", "error"),
                        flags.contains("--explain"))
                : SnapshotCommand.direct(root, values.get("--out"));
        try {
            return call.call();
        } catch (Exception e) {
            return Main.report(root, e);
        }
    }

    /** The settings' options of every command, and of {@code command}, that take a value. */
    private static Map<String, Setting<?>> valueSettings(String command) {
        Map<String, Setting<?>> out = new HashMap<>();
        for (Setting<?> s : Setting.all()) {
            if (s.option().isPresent() && s.paramLabel() != null && s.optionOf(command)) {
                out.put(s.option().get(), s);
            }
        }
        return out;
    }
}
