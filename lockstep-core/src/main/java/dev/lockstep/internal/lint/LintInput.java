package dev.lockstep.internal.lint;

import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.Script;

/** A script to lint with its directives (suppressions, transaction mode, lock timeout). */
public record LintInput(Script script, Directives directives) {
}
