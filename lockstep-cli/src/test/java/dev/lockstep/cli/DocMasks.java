package dev.lockstep.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What differs between two honest runs of the same docs session, masked on both sides before they are
 * compared: ports, pids, durations, times, run ids, the project's database name; and column padding,
 * which follows the width of what was masked. A docs line {@code ...} stands for any number of lines.
 */
final class DocMasks {
    private static final List<String[]> RULES = List.of(
            new String[] {"\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", "<id>"},
            new String[] {"\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z?", "<time>"},
            new String[] {"\\b\\d{8}T\\d{6,9}Z\\b", "<time>"},
            new String[] {"localhost:\\d+", "localhost:<port>"},
            new String[] {"\\bport \\d+", "port <port>"},
            new String[] {"\\bpid \\d+", "pid <pid>"},
            new String[] {"(localhost:<port>/)[a-z0-9_]+", "$1<db>"},
            new String[] {"\\b[a-z][a-z0-9_]*_[0-9a-f]{6}\\b", "<db>"},
            new String[] {"\\b\\d+m\\d{2}s\\b", "<duration>"},
            new String[] {"\\b\\d+(\\.\\d+)?(ms|s)\\b", "<duration>"},
            new String[] {"\\b\\d+ ms\\b", "<duration>"},
            new String[] {"\\b\\d+ rows/s\\b", "<rate>"});

    private DocMasks() {
    }

    static String mask(String line) {
        String s = line;
        for (String[] rule : RULES) {
            s = Pattern.compile(rule[0]).matcher(s).replaceAll(rule[1]);
        }
        return s.replaceAll("[ \\t]+", " ").stripTrailing();
    }

    static List<String> mask(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(mask(l));
        }
        return out;
    }

    /** Whether the actual lines are what the docs show, {@code ...} matching any lines. */
    static boolean matches(List<String> expected, List<String> actual) {
        return matches(mask(expected), 0, mask(actual), 0);
    }

    private static boolean matches(List<String> e, int i, List<String> a, int j) {
        if (i == e.size()) {
            return j == a.size();
        }
        if (e.get(i).strip().equals("...")) {
            for (int k = j; k <= a.size(); k++) {
                if (matches(e, i + 1, a, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < a.size() && e.get(i).equals(a.get(j)) && matches(e, i + 1, a, j + 1);
    }
}
