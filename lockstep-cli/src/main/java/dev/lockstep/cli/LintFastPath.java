package dev.lockstep.cli;

import dev.lockstep.Setting;
import dev.lockstep.cli.commands.LintCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code lockstep lint} without building the command-line model: linting a file takes less time than
 * reflecting over the options of the commands, so a lint command line made only of options this class
 * knows runs the lint command directly. Anything else (help, an unknown or malformed option, a value
 * picocli would reject) returns null and goes through picocli, which gives the usual messages; the
 * results are the same either way (LintFastPathTest).
 */
final class LintFastPath {
    /** The settings' options of every command, and of lint, that take a value. */
    private static final Map<String, Setting<?>> VALUE_SETTINGS = valueSettings();

    private static Map<String, Setting<?>> valueSettings() {
        Map<String, Setting<?>> out = new java.util.HashMap<>();
        for (Setting<?> s : Setting.all()) {
            if (s.option().isPresent() && s.paramLabel() != null && s.optionOf("lint")) {
                out.put(s.option().get(), s);
            }
        }
        return Map.copyOf(out);
    }

    private LintFastPath() {
    }

    /** The exit code of the lint command line, or null when it is not one this class runs. */
    static Integer run(CliContext context, String[] args) {
        LockstepCommand root = new LockstepCommand(context);
        Globals g = root.globals;
        List<String> paths = new ArrayList<>();
        String format = null;
        String failOn = "error";
        boolean explain = false;
        boolean seenLint = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (VALUE_SETTINGS.containsKey(a) && hasValue) {
                if (!seenLint && !VALUE_SETTINGS.get(a).commands().isEmpty()) {
                    return null;
                }
                g.settings.put(VALUE_SETTINGS.get(a), args[++i]);
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
            } else if (!seenLint && a.equals("lint")) {
                seenLint = true;
            } else if (seenLint && a.equals("--format") && hasValue) {
                format = args[++i];
            } else if (seenLint && a.equals("--fail-on") && hasValue) {
                failOn = args[++i];
            } else if (seenLint && a.equals("--explain")) {
                explain = true;
            } else if (seenLint && (a.equals("-") || !a.startsWith("-"))) {
                paths.add(a);
            } else {
                return null;
            }
        }
        if (!seenLint) {
            return null;
        }
        // --url and DATABASE_URL may hold a password: nothing lint prints may show it.
        g.redact = dev.lockstep.Lockstep.redactor(context.env(), List.of(args));
        try {
            return LintCommand.direct(root, paths, format, failOn, explain).call();
        } catch (Exception e) {
            return Main.report(root, e);
        }
    }
}
