package dev.lockstep.internal.source;

import java.util.Optional;

/**
 * What a migration file or directory name says: its style, its role (up, down, repeatable) and its
 * version and description. Matching is on names only, never on SQL.
 */
record FileName(NamingStyle style, Role role, String version, String description) {

    enum Role { UP, DOWN, REPEATABLE }

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

    /** goose's Go migration: {@code 00005_backfill.go}, a version, an underscore, a name (not a test file). */
    static boolean isGooseGoMigration(String name) {
        if (!name.endsWith(".go") || name.endsWith("_test.go")) {
            return false;
        }
        int digits = 0;
        while (digits < name.length() && name.charAt(digits) >= '0' && name.charAt(digits) <= '9') {
            digits++;
        }
        return digits > 0 && digits < name.length() && name.charAt(digits) == '_' && name.length() > digits + 4;
    }

    /**
     * Reads a directory name (the directory holds up.sql and optionally down.sql); empty when it is not a
     * migration's. As regular expressions, in the order tried, with {@code .} any character but a line break:
     * {@code (\\d{4})-(\\d{2})-(\\d{2})-(\\d{6})(?:-(\\d+))?_(.+)} (diesel: {@code 2016-01-01-120000_name}, and
     * since diesel 2.2 {@code 2025-11-19-091444-0000_name}), then {@code VERSION[_-](.+)}. Read by hand, like
     * file names: the JDK compiles an expression with lambdas, and lint's path links none
     * ({@code HandWrittenMatchersTest} checks both against the expressions).
     */
    static Optional<FileName> ofDirectory(String name) {
        if (RegexChars.lineBreakIn(name, 0, name.length())) {
            return Optional.empty(); // the description, .+, cannot hold one
        }
        Optional<FileName> diesel = diesel(name);
        if (diesel.isPresent()) {
            return diesel;
        }
        // The longest version after which come '_' or '-' and at least one character.
        for (int end = versionEnd(name, 0); end > 0; end = shorterVersionEnd(name, end)) {
            if (end + 1 < name.length() && (name.charAt(end) == '_' || name.charAt(end) == '-')) {
                return Optional.of(new FileName(NamingStyle.DIRECTORY, Role.UP, name.substring(0, end),
                        name.substring(end + 1)));
            }
        }
        return Optional.empty();
    }

    /** {@code YYYY-MM-DD-HHMMSS[-N]_name}; diesel orders its versions as text (see below). */
    private static Optional<FileName> diesel(String name) {
        if (name.length() < 19 || !digitsAt(name, 0, 4) || name.charAt(4) != '-' || !digitsAt(name, 5, 2)
                || name.charAt(7) != '-' || !digitsAt(name, 8, 2) || name.charAt(10) != '-' || !digitsAt(name, 11, 6)) {
            return Optional.empty();
        }
        int at = 17;
        String sequence = null;
        if (name.charAt(at) == '-') {
            int end = digits(name, at + 1);
            if (end == at + 1) {
                return Optional.empty();
            }
            sequence = name.substring(at + 1, end);
            at = end;
        }
        if (at + 1 >= name.length() || name.charAt(at) != '_') {
            return Optional.empty();
        }
        // Diesel orders its versions (the name before '_' without dashes) as text, so a sequence number after
        // the time sorts after the same second without one: 20260527120000 < 20260527120000.1.
        String version = name.substring(0, 4) + name.substring(5, 7) + name.substring(8, 10) + name.substring(11, 17)
                + (sequence == null ? "" : "." + (Long.parseLong(sequence) + 1));
        return Optional.of(new FileName(NamingStyle.DIRECTORY, Role.UP, version, name.substring(at + 1)));
    }

    private static boolean digitsAt(String s, int from, int count) {
        return digits(s, from) >= from + count;
    }

    /** {@code add_users} reads as {@code add users}. */
    String readableDescription() {
        return description.replace('_', ' ').strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
