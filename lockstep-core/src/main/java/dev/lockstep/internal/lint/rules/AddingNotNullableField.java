package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class AddingNotNullableField extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD COLUMN ... NOT NULL without a default fails on a table that has rows";
    }

    @Override
    public String why() {
        return "Existing rows would get NULL in a NOT NULL column, so PostgreSQL refuses the statement as soon as the "
                + "table is not empty: the migration passes on an empty development database and fails in "
                + "production.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';  -- constant default: instant\n"
                + "-- or: add it nullable, backfill in batches, add CHECK (plan IS NOT NULL) NOT VALID, VALIDATE, "
                + "then SET NOT NULL";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN plan text NOT NULL;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            if (c != null && c.notNull() && c.defaultExpr() == null && !c.generated()
                    && !c.baseType().endsWith("SERIAL")) {
                findings.add(f.statement(), "column " + c.name() + " is NOT NULL without a default: the statement "
                        + "fails if " + f.statement().tables().get(0) + " has rows", "",
                        "give it a constant default (instant since PostgreSQL 11), or add it nullable and backfill");
            }
        }
    }
}
