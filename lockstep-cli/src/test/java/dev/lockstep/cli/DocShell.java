package dev.lockstep.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of a {@link DocSession} as a user's shell would, in a working directory: {@code lockstep}
 * and {@code ./lockstep} in this process (stdout and stderr interleaved as on a terminal), anything else
 * ({@code cp}, {@code cat > file}, {@code sed}) with {@code sh -c}; {@code a; b}, {@code > /dev/null} and
 * {@code echo $?} as in a shell.
 */
final class DocShell {
    private final Path workDir;
    private final Map<String, String> env;
    private int lastExit;

    DocShell(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.env = env;
    }

    /** What the command prints, stdout and stderr as they come. */
    String run(String command) throws IOException, InterruptedException {
        if (command.contains("\n")) {
            return sh(command);
        }
        StringBuilder out = new StringBuilder();
        for (String part : split(command)) {
            out.append(simple(part.strip()));
        }
        return out.toString();
    }

    private String simple(String command) throws IOException, InterruptedException {
        if (command.equals("echo $?")) {
            String out = lastExit + "\n";
            lastExit = 0;
            return out;
        }
        List<String> words = words(command);
        if (!words.isEmpty() && (words.get(0).equals("lockstep") || words.get(0).equals("./lockstep"))
                && words.stream().noneMatch(w -> w.equals("|") || w.equals("&&"))) {
            boolean dropOut = false;
            List<String> args = new ArrayList<>();
            for (int i = 1; i < words.size(); i++) {
                if (words.get(i).equals(">") && i + 1 < words.size() && words.get(i + 1).equals("/dev/null")) {
                    dropOut = true;
                    i++;
                } else {
                    args.add(words.get(i));
                }
            }
            return lockstep(args, dropOut);
        }
        return sh(command);
    }

    private String lockstep(List<String> args, boolean dropOut) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(both, true, StandardCharsets.UTF_8);
        PrintStream out = dropOut ? new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8) : err;
        CliContext ctx = new CliContext(out, err, new BufferedReader(Reader.nullReader()), env, workDir,
                Clock.systemUTC(), false);
        lastExit = Main.run(ctx, args.toArray(String[]::new));
        return both.toString(StandardCharsets.UTF_8);
    }

    private String sh(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        lastExit = p.waitFor();
        return out;
    }

    /** {@code a; b} into its commands, outside quotes. */
    private static List<String> split(String command) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';') {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    /** Shell words: blanks separate, quotes group and are removed. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
