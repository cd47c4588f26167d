package dev.lockstep.lint;

import java.util.Map;
import java.util.Set;

/**
 * How lint runs: the PostgreSQL version the rules assume, severity overrides and disabled rules
 * ({@code [lint]} in lockstep.toml), and whether {@code migrate} may apply migrations with error-level
 * findings.
 *
 * @param pgVersion null: the server's version when connected, else 15
 */
public record LintSettings(Integer pgVersion, Map<String, Severity> severities, Set<String> disabled,
                           boolean allowUnsafe) {
    public static final LintSettings DEFAULT = new LintSettings(null, Map.of(), Set.of(), false);
    public static final int DEFAULT_PG_VERSION = 15;

    public LintSettings {
        severities = Map.copyOf(severities);
        disabled = Set.copyOf(disabled);
    }

    public LintSettings withPgVersion(Integer version) {
        return new LintSettings(version, severities, disabled, allowUnsafe);
    }

    public LintSettings withAllowUnsafe(boolean allow) {
        return new LintSettings(pgVersion, severities, disabled, allow);
    }
}
