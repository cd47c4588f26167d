package dev.lockstep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal session shown in the docs: a fenced block of {@code $ command} lines, each followed by the
 * output it prints. In README.md every such block is one; in the other pages, a block is one when the
 * line before it is {@code <!-- runnable -->}.
 *
 * @param line the 1-based line of the block's first line in the file
 */
record DocSession(Path file, int line, List<Step> steps) {
    static final String MARKER = "<!-- runnable -->";
    private static final Pattern HEREDOC = Pattern.compile("<<-?'?([A-Za-z_]+)'?");

    /** One command, its own lines (a here-document included), and the output the docs show for it. */
    record Step(int line, String command, List<String> expected) {
    }

    /** The sessions of a page; {@code all}: every block of {@code $} lines, else only the marked ones. */
    static List<DocSession> of(Path file, boolean all) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<DocSession> out = new ArrayList<>();
        boolean marked = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals(MARKER)) {
                marked = true;
                continue;
            }
            if (!l.startsWith("```")) {
                if (!l.isEmpty()) {
                    marked = false;
                }
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                end++;
            }
            List<String> body = lines.subList(i + 1, Math.min(end, lines.size()));
            boolean session = !body.isEmpty() && body.get(0).startsWith("$ ");
            if (session && (all || marked)) {
                out.add(new DocSession(file, i + 2, steps(body, i + 2)));
            }
            marked = false;
            i = end;
        }
        return out;
    }

    private static List<Step> steps(List<String> body, int firstLine) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < body.size()) {
            String l = body.get(i);
            if (!l.startsWith("$ ")) {
                throw new IllegalStateException("line " + (firstLine + i) + ": output before any command: " + l);
            }
            int at = firstLine + i;
            StringBuilder command = new StringBuilder(l.substring(2));
            Matcher heredoc = HEREDOC.matcher(l);
            i++;
            if (heredoc.find()) {
                while (i < body.size()) {
                    String h = body.get(i++);
                    command.append('\n').append(h);
                    if (h.strip().equals(heredoc.group(1))) {
                        break;
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            while (i < body.size() && !body.get(i).startsWith("$ ")) {
                expected.add(body.get(i++));
            }
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isBlank()) {
                expected.remove(expected.size() - 1);
            }
            steps.add(new Step(at, command.toString(), List.copyOf(expected)));
        }
        return steps;
    }

    @Override
    public String toString() {
        return file.getFileName() + ":" + line;
    }
}
