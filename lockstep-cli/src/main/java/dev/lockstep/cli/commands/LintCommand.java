package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.LockstepCommand;
import dev.lockstep.cli.render.LintGithub;
import dev.lockstep.cli.render.LintJson;
import dev.lockstep.cli.render.LintSarif;
import dev.lockstep.cli.render.LintText;
import dev.lockstep.cli.render.LockTimelineText;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LockTimeline;
import dev.lockstep.lint.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Find the locks, rewrites and breaking changes in migrations before they run. Exit 3 when "
                + "findings at or above --fail-on exist.")
public final class LintCommand extends Subcommand {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files or directories to lint (default: the migrations directory); - reads standard input")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, sarif or github (default text)")
    String format;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "error, warning, hint or none (default error); hints count only for hint")
    String failOn = "error";

    @Option(names = "--explain", description = "Print each statement's locks, what they block and until where they "
            + "are held, instead of the findings (text or --format json)")
    boolean explain;

    /** The command with its options set directly, for a command line parsed without picocli. */
    public static LintCommand direct(LockstepCommand root, List<String> paths, String format, String failOn,
                                     boolean explain) {
        LintCommand c = new LintCommand();
        c.paths = new ArrayList<>(paths);
        c.format = format;
        c.failOn = failOn;
        c.explain = explain;
        return c.runningOn(root);
    }

    @Override
    public Integer call() throws IOException {
        Console console = console();
        String fmt = format != null ? format.toLowerCase(Locale.ROOT) : console.json() ? "json" : "text";
        if (!List.of("text", "json", "sarif", "github").contains(fmt)) {
            throw usage("--format must be text, json, sarif or github, not '" + format + "'", fmt,
                    List.of("text", "json", "sarif", "github"));
        }
        Severity threshold = switch (failOn.toLowerCase(Locale.ROOT)) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "hint" -> Severity.HINT;
            case "none" -> null;
            default -> throw usage("--fail-on must be error, warning, hint or none, not '" + failOn + "'", failOn,
                    List.of("error", "warning", "hint", "none"));
        };
        var config = config();
        String stdin = paths.contains("-") ? readStdin() : null;
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            if (!p.equals("-")) {
                files.add(Path.of(p));
            }
        }
        var out = root().context().out();
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        if (explain) {
            if (!fmt.equals("text") && !fmt.equals("json")) {
                throw usage("--explain prints text or json, not " + fmt);
            }
            List<LockTimeline> timelines = lockstep.explainLocks(files, stdin);
            if (fmt.equals("json")) {
                Console.printJson(out, timelines);
            } else {
                LockTimelineText.render(console.forceText(), timelines);
            }
            return 0;
        }
        LintReport report = lockstep.lint(files, stdin);
        switch (fmt) {
            case "json" -> LintJson.render(out, report);
            case "sarif" -> Console.printJson(out, LintSarif.of(report));
            case "github" -> LintGithub.render(out, report);
            default -> LintText.render(console.forceText(), report);
        }
        return report.failsAt(threshold) ? ErrorCode.BLOCKED.exitCode() : 0;
    }

    private String readStdin() throws IOException {
        var in = root().context().in();
        if (in == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    private LockstepException usage(String message) {
        return new LockstepException(ErrorCode.USAGE, message, "'lockstep help lint' shows its options");
    }

    /** A value that is none of {@code known}: the one meant, when it is a typo away, then where help is. */
    private LockstepException usage(String message, String typed, List<String> known) {
        String meant = dev.lockstep.cli.DidYouMean.closest(typed, known);
        return new LockstepException(ErrorCode.USAGE, message, (meant == null ? "" : "did you mean '" + meant + "'? ")
                + "'lockstep help lint' shows its options");
    }
}
