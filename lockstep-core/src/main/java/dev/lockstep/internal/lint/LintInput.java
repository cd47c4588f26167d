package dev.lockstep.internal.lint;

import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;

/**
 * A script to lint with its directives (suppressions, transaction mode, lock timeout).
 *
 * @param down the script is a down script: only the rules that say it would fail to run apply
 * @param missingDown the script is the up script of a versioned migration that has no down script
 * @param version the migration's version when the script belongs to a versioned migration; else null
 */
public record LintInput(Script script, Directives directives, boolean down, boolean missingDown, String version) {

    public LintInput(Script script, Directives directives) {
        this(script, directives, false, false, null);
    }

    public LintInput(Script script, Directives directives, boolean down, boolean missingDown) {
        this(script, directives, down, missingDown, null);
    }

    /** The up script of a migration. */
    public static LintInput up(ResolvedMigration m) {
        return new LintInput(m.up(), m.directives(), false, m.version() != null && !m.hasDown(), version(m));
    }

    /** The down script of a migration; its directives are its own leading comments. */
    public static LintInput down(ResolvedMigration m) {
        return new LintInput(m.down(), m.downDirectives(), true, false, version(m));
    }

    private static String version(ResolvedMigration m) {
        return m.version() == null ? null : m.version().text();
    }
}
