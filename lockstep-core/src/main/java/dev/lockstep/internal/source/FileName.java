package dev.lockstep.internal.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a migration file or directory name says: its style, its role (up, down, repeatable) and its
 * version and description. Matching is on names only, never on SQL.
 */
record FileName(NamingStyle style, Role role, String version, String description) {

    enum Role { UP, DOWN, REPEATABLE }

    private static final String VERSION = "(\\d+(?:[._]\\d+)*)";

    /**
     * Directory names, compiled when a directory is first read. File names are read by hand below: they
     * are read for every file of every command, and the JDK compiles a regular expression with lambdas,
     * which a short command pays to link (docs/architecture.md, "Start-up of the command-line tool").
     */
    private static final class DirectoryPatterns {
        private static final Pattern DIRECTORY = Pattern.compile(VERSION + "[_-](.+)");
        /** diesel: {@code 2016-01-01-120000_name}, and since diesel 2.2 {@code 2025-11-19-091444-0000_name}. */
        private static final Pattern DIESEL_DIRECTORY =
                Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})-(\\d{6})(?:-(\\d+))?_(.+)");

        private DirectoryPatterns() {
        }
    }

    /**
     * Reads a file name; empty when it is not a migration name in any style. In the order tried, as
     * regular expressions with {@code VERSION = \\d+(?:[._]\\d+)*} and {@code .} any character but a line
     * break: {@code ([VU])VERSION__(.*)\\.sql} (Flyway), {@code R__(.+)\\.sql} (Flyway repeatable),
     * {@code VERSION(?:[_-](.*?))?\\.(up|down)\\.sql} (pairs), {@code VERSION(?:[_-](.*))?\\.sql} (numbered).
     */
    static Optional<FileName> ofFile(String name) {
        if (!name.endsWith(".sql") || RegexChars.lineBreakIn(name, 0, name.length())) {
            return Optional.empty();
        }
        char first = name.charAt(0);
        if (first == 'V' || first == 'U') {
            int end = versionEnd(name, 1);
            if (end > 0 && name.startsWith("__", end) && end + 2 <= name.length() - 4) {
                return Optional.of(new FileName(NamingStyle.FLYWAY, first == 'V' ? Role.UP : Role.DOWN,
                        name.substring(1, end), name.substring(end + 2, name.length() - 4)));
            }
        }
        if (name.startsWith("R__") && name.length() > "R__.sql".length()) {
            return Optional.of(new FileName(NamingStyle.FLYWAY, Role.REPEATABLE, null, name.substring(3, name.length() - 4)));
        }
        String suffix = name.endsWith(".up.sql") ? ".up.sql" : name.endsWith(".down.sql") ? ".down.sql" : null;
        if (suffix != null) {
            Optional<FileName> pair = versioned(name, NamingStyle.PAIRS, suffix.equals(".up.sql") ? Role.UP : Role.DOWN,
                    name.length() - suffix.length());
            if (pair.isPresent()) {
                return pair;
            }
        }
        return versioned(name, NamingStyle.NUMBERED, Role.UP, name.length() - 4);
    }

    /**
     * {@code VERSION(?:[_-](.*))?} up to {@code tail} (where the suffix starts): the longest version after
     * which the rest is empty or {@code _description} / {@code -description}, as the expression's
     * backtracking would find it.
     */
    private static Optional<FileName> versioned(String name, NamingStyle style, Role role, int tail) {
        int end = versionEnd(name, 0);
        while (end > 0) {
            if (end == tail) {
                return Optional.of(new FileName(style, role, name.substring(0, end), ""));
            }
            if (end < tail && (name.charAt(end) == '_' || name.charAt(end) == '-')) {
                return Optional.of(new FileName(style, role, name.substring(0, end), name.substring(end + 1, tail)));
            }
            end = shorterVersionEnd(name, end);
        }
        return Optional.empty();
    }

    /** Where the longest version starting at {@code from} ends: digits, in groups joined by '.' or '_'; -1 if none. */
    private static int versionEnd(String s, int from) {
        int i = digits(s, from);
        if (i == from) {
            return -1;
        }
        while (i + 1 < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '_') && digits(s, i + 1) > i + 1) {
            i = digits(s, i + 1);
        }
        return i;
    }

    /** The end of the version one group shorter than the one ending at {@code end}; -1 when it is one group. */
    private static int shorterVersionEnd(String s, int end) {
        int i = end - 1;
        while (i >= 0 && isDigit(s.charAt(i))) {
            i--;
        }
        return i >= 0 && (s.charAt(i) == '.' || s.charAt(i) == '_') && i > 0 && isDigit(s.charAt(i - 1)) ? i : -1;
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code \\d}: ASCII digits only. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads a directory name (the directory holds up.sql and optionally down.sql). */
    static Optional<FileName> ofDirectory(String name) {
        Matcher m = DirectoryPatterns.DIESEL_DIRECTORY.matcher(name);
        if (m.matches()) {
            // Diesel orders its versions (the name before '_' without dashes) as text, so a sequence number
            // after the time sorts after the same second without one: 20260527120000 < 20260527120000.1.
            String version = m.group(1) + m.group(2) + m.group(3) + m.group(4)
                    + (m.group(5) == null ? "" : "." + (Long.parseLong(m.group(5)) + 1));
            return Optional.of(new FileName(NamingStyle.DIRECTORY, Role.UP, version, m.group(6)));
        }
        m = DirectoryPatterns.DIRECTORY.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.DIRECTORY, Role.UP, m.group(1), m.group(2)));
        }
        return Optional.empty();
    }

    /** {@code add_users} reads as {@code add users}. */
    String readableDescription() {
        return description.replace('_', ' ').strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
