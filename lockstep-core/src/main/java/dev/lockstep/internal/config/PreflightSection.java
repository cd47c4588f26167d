package dev.lockstep.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.PreflightSettings;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code [preflight]} of lockstep.toml:
 * <pre>
 * [preflight]
 * long-query = "30s"
 * max-connections-percent = 80
 * max-replication-lag = "30s"
 * backup-max-age = "24h"
 * deny = "09:00-18:00"
 * time-zone = "Europe/Berlin"
 * weekdays-only = true
 * required-env = ["SENTRY_DSN", "STRIPE_SECRET_KEY"]
 * </pre>
 * Which required variables are present is noted here, the one place that reads the environment.
 */
final class PreflightSection {
    private PreflightSection() {
    }

    static PreflightSettings read(JsonNode section, Map<String, String> env, String file) {
        PreflightSettings d = PreflightSettings.DEFAULT;
        if (section == null || section.isNull()) {
            return d;
        }
        var longQuery = d.longQuery();
        int percent = d.maxConnectionsPercent();
        var lag = d.maxReplicationLag();
        var backupAge = d.backupMaxAge();
        String deny = null;
        ZoneId zone = d.timeZone();
        boolean weekdays = d.weekdaysOnly();
        List<String> required = new ArrayList<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "long-query" -> longQuery = Durations.parse(v.asText());
                    case "max-connections-percent" -> percent = v.asInt();
                    case "max-replication-lag" -> lag = Durations.parse(v.asText());
                    case "backup-max-age" -> backupAge = Durations.parse(v.asText());
                    case "deny" -> deny = window(v.asText(), file);
                    case "time-zone" -> zone = ZoneId.of(v.asText());
                    case "weekdays-only" -> weekdays = v.asBoolean();
                    case "required-env" -> v.forEach(n -> required.add(n.asText()));
                    default -> throw new LockstepException(ErrorCode.CONFIG, "unknown key '" + e.getKey()
                            + "' in [preflight] of " + file, "see docs/commands/preflight.md for the keys");
                }
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new LockstepException(ErrorCode.CONFIG, "[preflight] in " + file + ": " + e.getMessage(),
                    "see docs/commands/preflight.md");
        }
        Set<String> present = new HashSet<>();
        for (String name : required) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                present.add(name);
            }
        }
        return new PreflightSettings(longQuery, percent, lag, backupAge, deny, zone, weekdays, required, present);
    }

    private static String window(String text, String file) {
        if (!text.matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
            throw new LockstepException(ErrorCode.CONFIG, "[preflight] deny = \"" + text + "\" in " + file
                    + " is not a window", "write deny = \"09:00-18:00\"");
        }
        return text;
    }
}
