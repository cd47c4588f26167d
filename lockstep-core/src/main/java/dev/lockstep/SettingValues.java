package dev.lockstep;

/**
 * Readers of the values some settings take (a major version, a port, a rate, a percentage, a database
 * identity, a time window): each returns the value or throws {@link IllegalArgumentException} with a
 * message a user can act on. Used by {@link SettingType}'s built-in kinds.
 */
final class SettingValues {
    private SettingValues() {
    }

    static Double rate(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a rate >= 0 (per second, e.g. 5 or 0.5)");
    }

    /** {@code 20%} as 0.2; a bare number is a percentage too. */
    static Double percent(String text) {
        String t = text.strip();
        try {
            double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t);
            if (v >= 0) {
                return v / 100;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a percentage; write e.g. \"20%\"");
    }

    static String percentText(Double fraction) {
        double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    /** PostgreSQL's major versions, 9 (9.x) to 29: a typo such as 99 or 150 is an error, not a version. */
    static Integer majorVersion(String text) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= 9 && v <= 29) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a major version such as 15 (9 to 29), not '" + text + "'");
    }

    static Integer port(String text) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("must be a port from 0 to 65535, not '" + text + "'");
    }

    static String databaseId(String text) {
        String t = text.strip();
        if (!t.matches("\\d+/.+")) {
            throw new IllegalArgumentException("'" + text + "' is not a database identity; write the server's system "
                    + "identifier and the database name, e.g. \"7301234567890123456/shop\" (lockstep env pin writes it)");
        }
        return t;
    }

    static String window(String text) {
        if (!text.matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("'" + text + "' is not a window; write e.g. \"09:00-18:00\"");
        }
        return text;
    }
}
