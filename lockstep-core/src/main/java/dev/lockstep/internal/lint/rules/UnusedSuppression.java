package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

/** Reported by the linter for a {@code -- lockstep:ignore} that suppressed nothing. */
public final class UnusedSuppression extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A lockstep:ignore directive suppresses nothing in its file";
    }

    @Override
    public String why() {
        return "A stale suppression hides the next real finding of that rule in the file.";
    }

    @Override
    public String instead() {
        return "Remove the directive.";
    }

    @Override
    public String example() {
        return "-- lockstep:ignore ban-drop-table no longer used\nCREATE TABLE accounts (id bigint PRIMARY KEY);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        // Found after the rules ran.
    }
}
