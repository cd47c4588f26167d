package dev.lockstep.lint;

import java.util.Locale;

/**
 * How bad a finding is, most severe first. {@code error}: blocks reads or writes for a time that grows
 * with the table, or cannot succeed as written; {@code migrate} refuses it unless told otherwise.
 * {@code warning}: a risk that depends on the data, the traffic or the code running against the schema.
 * {@code hint}: style; shown, but counted for {@code --fail-on} only when asked ({@code --fail-on hint}).
 */
public enum Severity {
    ERROR,
    WARNING,
    HINT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "hint" -> HINT;
            default -> throw new IllegalArgumentException("'" + text + "' is not a severity; use error, warning or hint");
        };
    }
}
