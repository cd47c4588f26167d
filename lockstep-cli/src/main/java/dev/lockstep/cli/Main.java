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
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        CliContext context = new CliContext(out, err, new java.io.BufferedReader(new java.io.InputStreamReader(
                System.in, StandardCharsets.UTF_8)), System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(),
                System.console() != null);
        System.exit(run(context, args));
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
        LockstepCommand root = new LockstepCommand(context);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new java.io.PrintWriter(context.out(), true));
        cl.setErr(new java.io.PrintWriter(context.err(), true));
        cl.setParameterExceptionHandler((ex, argv) -> {
            context.err().println("error: " + ex.getMessage());
            context.err().println("hint: run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return ErrorCode.USAGE.exitCode();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(root, ex));
        return cl.execute(args);
    }

    private static int report(LockstepCommand root, Exception ex) {
        LockstepException e = ex instanceof LockstepException le ? le
                : new LockstepException(ErrorCode.INTERNAL, "internal error: " + ex,
                "please report it with the command you ran and this output", ex);
        Console console = new Console(root.context, root.globals);
        console.error(e);
        if (e.code() == ErrorCode.INTERNAL && root.globals.verbosity > 0) {
            ex.printStackTrace(root.context.err());
        }
        return e.exitCode();
    }
}
