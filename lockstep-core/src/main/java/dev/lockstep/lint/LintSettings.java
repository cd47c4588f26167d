package dev.lockstep.lint;

import java.util.Map;
import java.util.Set;

/**
 * How lint runs: the PostgreSQL version the rules assume, severity overrides, disabled rules and rules
 * that are off unless enabled ({@code [lint]} in lockstep.toml).
 *
 * @param pgVersion null: the server's version when connected, else 15
 * @param enabled rules that are off by default and turned on, such as {@code require-down}
 */
public record LintSettings(Integer pgVersion, Map<String, Severity> severities, Set<String> disabled,
                           Set<String> enabled) {
    public static final LintSettings DEFAULT = new LintSettings(null, Map.of(), Set.of(), Set.of());
    public static final int DEFAULT_PG_VERSION = 15;

    public LintSettings {
        severities = Map.copyOf(severities);
        disabled = Set.copyOf(disabled);
        enabled = Set.copyOf(enabled);
    }

    public LintSettings withPgVersion(Integer version) {
        return new LintSettings(version, severities, disabled, enabled);
    }
}
