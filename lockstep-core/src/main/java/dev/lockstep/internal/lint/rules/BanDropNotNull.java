package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanDropNotNull extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "DROP NOT NULL lets NULLs in that running code does not expect";
    }

    @Override
    public String why() {
        return "Code written against the NOT NULL column (and other services reading the table) may not handle NULL; "
                + "once a NULL is written, putting the constraint back needs a backfill and a full scan.";
    }

    @Override
    public String instead() {
        return "Deploy code that handles NULL first, then drop the constraint in a later release.";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.DROP_NOT_NULL)) {
            findings.add(f.statement(), "dropping NOT NULL on " + f.statement().tables().get(0)
                    + " lets in NULLs that running code may not expect", "",
                    "deploy code that handles NULL first; suppress with a reason then");
        }
    }
}
