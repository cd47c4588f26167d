package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

/** Reported by the linter itself when a file cannot be split into statements. */
public final class SyntaxError extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The file cannot be read as SQL: an unterminated string, quote, comment or dollar quote";
    }

    @Override
    public String why() {
        return "Lockstep checks every pending script before running any; a script it cannot split would fail anyway, "
                + "possibly after earlier migrations of the run were applied.";
    }

    @Override
    public String instead() {
        return "Close the construct the finding points at (its line and column are where it starts).";
    }

    @Override
    public String example() {
        return "SELECT 'unterminated;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        // Found while splitting, before any rule runs.
    }
}
