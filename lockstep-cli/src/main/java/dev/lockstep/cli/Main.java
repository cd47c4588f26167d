package dev.lockstep.cli;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** The command-line entry point. The only place that exits the process. */
public final class Main {
    private static final java.io.BufferedReader NO_INPUT = new java.io.BufferedReader(java.io.Reader.nullReader());
    private Main() {
    }

    public static void main(String[] args) {
        forgetUnusableArchive(System.getProperty("lockstep.archive"), System.getProperty("java.vm.info", ""),
                System.getProperty("java.home"));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        CliContext context = new CliContext(out, err, new java.io.BufferedReader(new java.io.InputStreamReader(
                System.in, StandardCharsets.UTF_8)), System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(),
                System.console() != null);
        System.exit(run(context, args));
    }

    /**
     * Removes the launcher's class-data-sharing archive when this JVM did not map it and wrote it (the JDK
     * was updated in place since: every command would start without one), so that the next command writes
     * it again. Another JDK's archive (an IDE's JDK beside the terminal's) is left alone: removing it would
     * make the two rewrite it in turn. The launcher names the archive in {@code lockstep.archive}; the
     * warm-up that wrote it recorded its JDK's home beside it ({@code .jdk}); "sharing" is in the JVM's info
     * when an archive is mapped.
     */
    static boolean forgetUnusableArchive(String archive, String vmInfo, String javaHome) {
        if (archive == null || vmInfo.contains("sharing")) {
            return false;
        }
        java.io.File writtenBy = new java.io.File(archive + ".jdk");
        try {
            if (writtenBy.isFile() && !new String(java.nio.file.Files.readAllBytes(writtenBy.toPath()),
                    StandardCharsets.UTF_8).strip().equals(javaHome)) {
                return false;
            }
        } catch (java.io.IOException e) {
            return false;
        }
        writtenBy.delete();
        return new java.io.File(archive).delete();
    }

    /** Runs a command line in this process against the process environment; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(new CliContext(out, err, NO_INPUT, System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(),
                false), args);
    }

    /** Runs a command line with an explicit environment and working directory (for tests and embedding). */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, String... args) {
        return run(new CliContext(out, err, NO_INPUT, env, workDir, Clock.systemUTC(), false), args);
    }

    public static int run(CliContext context, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli prints, without building the model of every command first (a script that checks the
            // version waited ~200 ms for it).
            context.out().println(new LockstepCommand.Version().getVersion()[0]);
            return 0;
        }
        if (args.length == 2 && args[0].equals("__warmup") && args[1].equals("lint")) {
            // Run by ./lockstep after a build, to record what a lint loads: without picocli's model, as a lint.
            try {
                return dev.lockstep.cli.commands.WarmupCommand.lint();
            } catch (java.io.IOException e) {
                return Main.report(new LockstepCommand(context), e);
            }
        }
        String word = firstWord(args);
        if (word != null) {
            Integer exit = DirectPath.run(context, word, args);
            if (exit != null) {
                return exit;
            }
        }
        return withPicocli(context, subcommandOf(args), args);
    }

    /** Parses and runs the command line with picocli, the model built for subcommand {@code only} (all when null). */
    static int withPicocli(CliContext context, String only, String... args) {
        LockstepCommand root = new LockstepCommand(context);
        root.globals.redact = dev.lockstep.Lockstep.redactor(context.env(), java.util.List.of(args));
        CommandLine cl = new CommandLine(root);
        LockstepCommand.subcommands().forEach((name, command) -> {
            // help names another command: it needs them all
            if (only == null || only.equals(name) || only.equals("help")) {
                cl.addSubcommand(name, command.get());
            }
        });
        SettingOptions.addTo(cl, root.globals);
        // 'lockstep migrate --version' prints the tool's version, as 'lockstep --version' does, not nothing.
        withVersion(cl);
        cl.setOut(new java.io.PrintWriter(context.out(), true));
        cl.setErr(new java.io.PrintWriter(context.err(), true));
        cl.setParameterExceptionHandler((ex, argv) -> {
            if (UsageError.asksForJson(argv)) {
                root.globals.output(Globals.OutputFormat.JSON);
            }
            return UsageError.report(ex, new Console(context, root.globals));
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(root, ex));
        return cl.execute(args);
    }

    private static void withVersion(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new LockstepCommand.Version());
            withVersion(sub);
        }
    }

    /** Global options that take a value, so that the value is not taken for the subcommand's name. */
    private static final java.util.Set<String> VALUE_OPTIONS = valueOptions();

    private static java.util.Set<String> valueOptions() {
        java.util.Set<String> out = new java.util.HashSet<>(SettingOptions.valueOptions());
        out.add("--env");
        out.add("--output");
        return java.util.Set.copyOf(out);
    }

    /**
     * The subcommand a command line runs, or null when it names none that exists (then all are
     * registered, for help and for picocli's error message). Building the model of one subcommand
     * instead of all keeps start-up short.
     */
    static String subcommandOf(String[] args) {
        String word = firstWord(args);
        return word != null && LockstepCommand.subcommands().containsKey(word) ? word : null;
    }

    /** The first word of a command line that is neither an option nor a global option's value. */
    private static String firstWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (VALUE_OPTIONS.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    static int report(LockstepCommand root, Exception ex) {
        LockstepException e = ex instanceof LockstepException le ? le
                : new LockstepException(ErrorCode.INTERNAL, "internal error: " + ex,
                "please report it with the command you ran and this output", ex);
        Console console = new Console(root.context, root.globals);
        console.error(e);
        if (e.code() == ErrorCode.INTERNAL && root.globals.verbosity > 0) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new java.io.PrintWriter(trace));
            root.context.err().print(root.globals.redact.apply(trace.toString()));
        }
        return e.exitCode();
    }
}
