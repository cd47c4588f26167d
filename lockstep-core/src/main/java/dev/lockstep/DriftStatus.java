package dev.lockstep;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What the last {@code drift} check of a database found, as {@code status} shows it.
 *
 * @param state {@code unknown} (never checked), {@code none} or {@code drift}
 * @param differences how many objects differed; null when unknown
 * @param checkedAt when; null when unknown
 * @param stale whether migrations ran or were rolled back after the check
 */
public record DriftStatus(String state, Integer differences, Instant checkedAt, boolean stale) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public static final DriftStatus UNKNOWN = new DriftStatus("unknown", null, null, false);

    /** {@code none (checked 2026-11-23 14:03:17 UTC)}, {@code 3 differences (checked ...)}, {@code unknown ...}. */
    public String describe() {
        if (checkedAt == null) {
            return "unknown (never checked; run 'lockstep drift')";
        }
        String what = differences == null || differences == 0 ? "none"
                : differences + (differences == 1 ? " difference" : " differences");
        return what + " (checked " + WHEN.format(checkedAt) + (stale ? ", before the latest migration" : "") + ")";
    }
}
