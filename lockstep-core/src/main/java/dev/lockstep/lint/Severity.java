package dev.lockstep.lint;

import java.util.Locale;

/** How bad a finding is. {@code migrate} refuses a migration with an error unless told otherwise. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            default -> throw new IllegalArgumentException("'" + text + "' is not a severity; use error or warning");
        };
    }
}
