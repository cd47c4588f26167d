package dev.lockstep;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints durations the way users write them: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}. */
public final class Durations {
    private Durations() {
    }

    /** Parses a duration; a bare number means seconds. Throws {@link IllegalArgumentException} naming the text. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < t.length() && (Character.isDigit(t.charAt(unitAt)) || t.charAt(unitAt) == '.')) {
            unitAt++;
        }
        if (unitAt == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 2s, 1m or 1h");
        }
        double amount = Double.parseDouble(t.substring(0, unitAt));
        String unit = t.substring(unitAt).strip();
        double millis = switch (unit) {
            case "ms" -> amount;
            case "", "s", "sec", "secs", "second", "seconds" -> amount * 1000;
            case "m", "min", "mins", "minute", "minutes" -> amount * 60_000;
            case "h", "hour", "hours" -> amount * 3_600_000;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' has an unknown unit '" + unit + "'; use ms, s, m or h");
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** A short human form: {@code 850ms}, {@code 2.4s}, {@code 3m12s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        long minutes = (s % 3600) / 60;
        return s / 3600 + "h" + (minutes == 0 ? "" : String.format(Locale.ROOT, "%02dm", minutes));
    }

    /** The shortest exact form, as a user would write it in a setting: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 24h}. */
    public static String exact(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
