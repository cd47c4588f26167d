package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RenamingColumn extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Renaming a column breaks the application code that still uses the old name";
    }

    @Override
    public String why() {
        return "During a deploy the old application version keeps running against the new schema; every query that "
                + "names the old column fails from the moment the migration commits.";
    }

    @Override
    public String instead() {
        return "-- expand and contract: add the new column, write both, backfill, switch reads, then drop the old one\n"
                + "ALTER TABLE accounts ADD COLUMN full_name text;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts RENAME COLUMN name TO full_name;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.RENAME_COLUMN)) {
            findings.add(f.statement(), "renaming a column of " + f.statement().tables().get(0)
                    + " breaks running code that uses the old name", "",
                    "add the new column, write both, backfill, switch reads, then drop the old one");
        }
    }
}
