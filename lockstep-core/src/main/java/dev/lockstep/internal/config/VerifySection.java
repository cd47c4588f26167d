package dev.lockstep.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.VerifySettings;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code [verify]} of lockstep.toml:
 * <pre>
 * [verify]
 * dir = "verify"
 * [[verify.http]]
 * url = "http://localhost:8080/healthz"
 * expect = 200
 * timeout = "5s"
 * [[verify.command]]
 * run = "./scripts/smoke.sh"
 * timeout = "60s"
 * </pre>
 */
final class VerifySection {
    private VerifySection() {
    }

    static VerifySettings read(JsonNode section, Path workDir, String file) {
        Path dir = workDir.resolve("verify");
        List<VerifySettings.Http> http = new ArrayList<>();
        List<VerifySettings.Command> commands = new ArrayList<>();
        List<VerifySettings.Rls> rls = new ArrayList<>();
        if (section == null || section.isNull()) {
            return new VerifySettings(dir, http, commands);
        }
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "dir" -> dir = workDir.resolve(e.getValue().asText());
                    case "http" -> e.getValue().forEach(h -> http.add(new VerifySettings.Http(required(h, "url", file),
                            h.path("expect").asInt(200), timeout(h, "10s"))));
                    case "command" -> e.getValue().forEach(c -> commands.add(new VerifySettings.Command(
                            required(c, "run", file), timeout(c, "60s"))));
                    case "rls" -> e.getValue().forEach(r -> rls.add(rls(r, file)));
                    default -> throw new LockstepException(ErrorCode.CONFIG, "unknown key '" + e.getKey()
                            + "' in [verify] of " + file, "known: dir, [[verify.http]], [[verify.command]], [[verify.rls]]");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, "[verify] in " + file + ": " + e.getMessage(),
                    "see docs/commands/verify.md");
        }
        return new VerifySettings(dir, http, commands, rls);
    }

    private static VerifySettings.Rls rls(JsonNode r, String file) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        r.path("settings").fields().forEachRemaining(s -> settings.put(s.getKey(), s.getValue().isTextual()
                ? s.getValue().asText() : s.getValue().toString()));
        String role = required(r, "role", file);
        return new VerifySettings.Rls(r.path("name").asText("as " + role), role, settings, required(r, "query", file),
                r.hasNonNull("expect-rows") ? r.get("expect-rows").asInt() : null,
                r.hasNonNull("forbidden") ? r.get("forbidden").asText() : null);
    }

    private static String required(JsonNode node, String key, String file) {
        if (!node.hasNonNull(key)) {
            throw new LockstepException(ErrorCode.CONFIG, "a [[verify]] check in " + file + " has no " + key,
                    "see docs/commands/verify.md");
        }
        return node.get(key).asText();
    }

    private static Duration timeout(JsonNode node, String fallback) {
        return Durations.parse(node.path("timeout").asText(fallback));
    }
}
