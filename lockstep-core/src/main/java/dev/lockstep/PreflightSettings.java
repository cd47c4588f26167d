package dev.lockstep;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Thresholds of the preflight checks ({@code [preflight]} in lockstep.toml).
 *
 * @param longQuery a query running, or a session idle in a transaction, longer than this is reported
 * @param maxConnectionsPercent connections in use at or above this share of max_connections fail
 * @param maxReplicationLag a replica lagging more than this fails
 * @param backupMaxAge the newest backup must be younger than this (else a warning)
 * @param denyWindow e.g. {@code 09:00-18:00}: migrations are refused then (weekdays only when
 *                   {@code weekdaysOnly}), unless a reason is given; null for no window
 * @param requiredEnv environment variables that must be set (their values are never read or shown)
 * @param presentEnv which of {@code requiredEnv} are set, as the configuration loader found them
 */
public record PreflightSettings(Duration longQuery, int maxConnectionsPercent, Duration maxReplicationLag,
                                Duration backupMaxAge, String denyWindow, ZoneId timeZone, boolean weekdaysOnly,
                                List<String> requiredEnv, Set<String> presentEnv) {
    public static final PreflightSettings DEFAULT = new PreflightSettings(Duration.ofSeconds(30), 80,
            Duration.ofSeconds(30), Duration.ofHours(24), null, ZoneId.of("UTC"), true, List.of(), Set.of());

    public PreflightSettings {
        Objects.requireNonNull(longQuery, "longQuery");
        Objects.requireNonNull(timeZone, "timeZone");
        requiredEnv = List.copyOf(requiredEnv);
        presentEnv = Set.copyOf(presentEnv);
    }
}
