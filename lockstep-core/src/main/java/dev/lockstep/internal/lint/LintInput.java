package dev.lockstep.internal.lint;

import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.Script;

/**
 * A script to lint with its directives (suppressions, transaction mode, lock timeout).
 *
 * @param version the migration's version when the script is a versioned migration; else null
 */
public record LintInput(Script script, Directives directives, String version) {

    public LintInput(Script script, Directives directives) {
        this(script, directives, null);
    }
}
