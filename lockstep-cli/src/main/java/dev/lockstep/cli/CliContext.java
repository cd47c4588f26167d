package dev.lockstep.cli;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the process gives a run: its streams, environment, working directory and clock.
 *
 * @param in standard input, for confirmations; read only when {@code terminal}
 * @param terminal whether a person sits at the other end (stdin and stdout are a console)
 */
public record CliContext(PrintStream out, PrintStream err, BufferedReader in, Map<String, String> env, Path workDir,
                         Clock clock, boolean terminal) {
}
