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
    private static final Pattern FLYWAY = Pattern.compile("([VU])" + VERSION + "__(.*)\\.sql");
    private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern PAIR = Pattern.compile(VERSION + "(?:[_-](.*?))?\\.(up|down)\\.sql");
    private static final Pattern NUMBERED = Pattern.compile(VERSION + "(?:[_-](.*))?\\.sql");
    private static final Pattern DIRECTORY = Pattern.compile(VERSION + "[_-](.+)");
    /** diesel: {@code 2016-01-01-120000_name}, and since diesel 2.2 {@code 2025-11-19-091444-0000_name}. */
    private static final Pattern DIESEL_DIRECTORY =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})-(\\d{6})(?:-(\\d+))?_(.+)");

    /** Reads a file name; empty when it is not a migration name in any style. */
    static Optional<FileName> ofFile(String name) {
        Matcher m = FLYWAY.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.FLYWAY, m.group(1).equals("V") ? Role.UP : Role.DOWN,
                    m.group(2), m.group(3)));
        }
        m = FLYWAY_REPEATABLE.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.FLYWAY, Role.REPEATABLE, null, m.group(1)));
        }
        m = PAIR.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.PAIRS, m.group(3).equals("up") ? Role.UP : Role.DOWN,
                    m.group(1), nullToEmpty(m.group(2))));
        }
        m = NUMBERED.matcher(name);
        if (m.matches()) {
            return Optional.of(new FileName(NamingStyle.NUMBERED, Role.UP, m.group(1), nullToEmpty(m.group(2))));
        }
        return Optional.empty();
    }

    /** Reads a directory name (the directory holds up.sql and optionally down.sql). */
    static Optional<FileName> ofDirectory(String name) {
        Matcher m = DIESEL_DIRECTORY.matcher(name);
        if (m.matches()) {
            // Diesel orders its versions (the name before '_' without dashes) as text, so a sequence number
            // after the time sorts after the same second without one: 20260527120000 < 20260527120000.1.
            String version = m.group(1) + m.group(2) + m.group(3) + m.group(4)
                    + (m.group(5) == null ? "" : "." + (Long.parseLong(m.group(5)) + 1));
            return Optional.of(new FileName(NamingStyle.DIRECTORY, Role.UP, version, m.group(6)));
        }
        m = DIRECTORY.matcher(name);
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
