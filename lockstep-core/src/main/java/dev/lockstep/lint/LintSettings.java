package dev.lockstep.lint;

import java.util.Map;
import java.util.Set;

/**
 * How lint runs: the PostgreSQL version the rules assume, severity overrides, disabled rules and rules
 * that are off unless enabled ({@code [lint]} in lockstep.toml), and whether {@code migrate} may apply
 * migrations with error-level findings.
 *
 * @param pgVersion null: the server's version when connected, else 15
 * @param enabled rules that are off by default and turned on, such as {@code require-down}
 */
public record LintSettings(Integer pgVersion, Map<String, Severity> severities, Set<String> disabled,
                           boolean allowUnsafe, Set<String> enabled) {
    public static final LintSettings DEFAULT = new LintSettings(null, Map.of(), Set.of(), false, Set.of());
    public static final int DEFAULT_PG_VERSION = 15;

    public LintSettings {
        severities = Map.copyOf(severities);
        disabled = Set.copyOf(disabled);
        enabled = Set.copyOf(enabled);
    }

    public LintSettings(Integer pgVersion, Map<String, Severity> severities, Set<String> disabled, boolean allowUnsafe) {
        this(pgVersion, severities, disabled, allowUnsafe, Set.of());
    }

    public LintSettings withPgVersion(Integer version) {
        return new LintSettings(version, severities, disabled, allowUnsafe, enabled);
    }

    public LintSettings withAllowUnsafe(boolean allow) {
        return new LintSettings(pgVersion, severities, disabled, allow, enabled);
    }
}
