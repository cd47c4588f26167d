package dev.lockstep.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Severity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code [lint]} section of lockstep.toml:
 * <pre>
 * [lint]
 * pg-version = 14
 * disable = ["prefer-text-field"]
 * enable = ["require-down"]
 * [lint.severity]
 * ban-drop-column = "error"
 * </pre>
 * An unknown key or rule id is an error naming it.
 */
final class LintSection {
    private LintSection() {
    }

    static LintSettings read(JsonNode lint, String file) {
        if (lint == null || lint.isNull()) {
            return LintSettings.DEFAULT;
        }
        Integer pgVersion = null;
        Map<String, Severity> severities = new HashMap<>();
        Set<String> disabled = new HashSet<>();
        Set<String> enabled = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = lint.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "pg-version" -> {
                    if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 9) {
                        throw bad(file, "[lint] pg-version must be a major version such as 15, not " + e.getValue());
                    }
                    pgVersion = e.getValue().asInt();
                }
                case "disable" -> e.getValue().forEach(v -> disabled.add(known(v.asText(), file)));
                case "enable" -> e.getValue().forEach(v -> enabled.add(known(v.asText(), file)));
                case "severity" -> e.getValue().fields().forEachRemaining(s -> {
                    try {
                        severities.put(known(s.getKey(), file), Severity.parse(s.getValue().asText()));
                    } catch (IllegalArgumentException ex) {
                        throw bad(file, "[lint.severity] " + s.getKey() + ": " + ex.getMessage());
                    }
                });
                default -> throw bad(file, "unknown key '" + e.getKey() + "' in [lint]; known: pg-version, disable, enable, severity");
            }
        }
        return new LintSettings(pgVersion, severities, disabled, false, enabled);
    }

    private static String known(String id, String file) {
        if (BuiltInRules.byId(id).isEmpty()) {
            throw new LockstepException(ErrorCode.CONFIG, "unknown lint rule '" + id + "' in " + file,
                    "known rules: " + String.join(", ", BuiltInRules.all().stream().map(Rule::id).toList()));
        }
        return id;
    }

    private static LockstepException bad(String file, String message) {
        return new LockstepException(ErrorCode.CONFIG, message + " (" + file + ")", "see docs/lint/README.md");
    }
}
