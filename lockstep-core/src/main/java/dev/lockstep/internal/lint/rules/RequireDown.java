package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

/** Reported by the linter for a versioned migration without a down script; off unless enabled. */
public final class RequireDown extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public String summary() {
        return "A versioned migration has no down script (off unless enabled in [lint] enable)";
    }

    @Override
    public String why() {
        return "Without a down script, lockstep rollback refuses the migration and the only way back is a restore. "
                + "Teams that roll back by script turn this rule on with enable = [\"require-down\"] in the [lint] "
                + "section of lockstep.toml (and make it block migrate with [lint.severity] require-down = \"error\").";
    }

    @Override
    public String instead() {
        return "-- V7__add_plan.sql\nALTER TABLE accounts ADD COLUMN plan text;\n"
                + "-- U7__add_plan.sql (or a -- migrate:down section)\nALTER TABLE accounts DROP COLUMN plan;";
    }

    @Override
    public String example() {
        return "-- V7__add_plan.sql, with no U7__add_plan.sql beside it\nALTER TABLE accounts ADD COLUMN plan text;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        // Found while gathering the migrations: a script alone does not say whether it has a down script.
    }
}
