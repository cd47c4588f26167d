package dev.lockstep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the process gives a run: its streams, environment, working directory and clock. */
public record CliContext(PrintStream out, PrintStream err, Map<String, String> env, Path workDir, Clock clock,
                         boolean terminal) {
}
