package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class AddingNotNullableField extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "ADD COLUMN ... NOT NULL without a default fails on a table that has rows";
    }

    @Override
    public String why() {
        return "Existing rows would get NULL in a NOT NULL column, so PostgreSQL refuses the statement as soon as the "
                + "table is not empty: the migration passes on an empty development database and fails in "
                + "production. A constant default (instant since PostgreSQL 11), an identity or serial column, a "
                + "generated column, or on PostgreSQL 18 NOT NULL ... NOT VALID, gives existing rows a value or leaves "
                + "them unchecked and is not reported.";
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
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            // A constant default fills existing rows (instantly since 11); identity, serial and generated columns
            // compute a value. A column's NOT NULL cannot be NOT VALID (only ADD CONSTRAINT ... NOT NULL can, on 18).
            if (c != null && c.notNull() && !c.hasNonNullDefault() && !c.generated() && !c.serial()) {
                findings.add(f.statement(), "column " + c.name() + " is NOT NULL without a default: the statement "
                        + "fails if " + f.statement().tables().get(0) + " has rows", "",
                        "give it a constant default (instant since PostgreSQL 11), or add it nullable and backfill");
            }
        }
    }
}
