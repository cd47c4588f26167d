package dev.lockstep.internal.lint;

import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;

/**
 * A script to lint with its directives (suppressions, transaction mode, lock timeout).
 *
 * @param down the script is a down script: only the rules that say it would fail to run apply
 * @param missingDown the script is the up script of a versioned migration that has no down script
 */
public record LintInput(Script script, Directives directives, boolean down, boolean missingDown) {

    public LintInput(Script script, Directives directives) {
        this(script, directives, false, false);
    }

    /** The up script of a migration. */
    public static LintInput up(ResolvedMigration m) {
        return new LintInput(m.up(), m.directives(), false, m.version() != null && !m.hasDown());
    }

    /** The down script of a migration; its directives are its own leading comments. */
    public static LintInput down(ResolvedMigration m) {
        return new LintInput(m.down(), new DirectiveParser().parse(m.down()), true, false);
    }
}
