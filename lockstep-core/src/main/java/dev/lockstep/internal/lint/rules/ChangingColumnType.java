package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class ChangingColumnType extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ALTER COLUMN ... TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "Most type changes rewrite every row and rebuild every index on the table while holding ACCESS "
                + "EXCLUSIVE: no reads, no writes. Only a few changes are binary-compatible (varchar(n) to a larger n or "
                + "to text, numeric(p,s) to a larger p, cidr to inet) and skip the rewrite. Which one a change is "
                + "depends on the column's type now, so lint reports every type change; the migrate gate reads the "
                + "column's type from the database and lets one that rewrites nothing run.";
    }

    @Override
    public String instead() {
        return "-- add a new column, write both from the application, backfill in batches, switch reads, drop the old:\n"
                + "ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);";
    }

    @Override
    public String example() {
        return "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ALTER_COLUMN_TYPE)) {
            findings.add(f.statement(), "changing a column's type rewrites " + f.statement().tables().get(0)
                    + " and rebuilds its indexes while no query can read or write it", "rewrites the table",
                    "add a new column, backfill it in batches, switch the application, then drop the old column");
        }
    }
}
