package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanDropColumn extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Dropping a column breaks code that still reads it, and loses its data";
    }

    @Override
    public String why() {
        return "The application version still running during the deploy may select the column (SELECT * included in "
                + "some ORMs' caches); its queries fail. The data cannot be brought back by a down script.";
    }

    @Override
    public String instead() {
        return "-- first deploy code that no longer uses the column, take a backup, then drop it in a later release\n"
                + "ALTER TABLE accounts DROP COLUMN legacy_flag;  -- lockstep:ignore ban-drop-column unused since 2.3";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts DROP COLUMN legacy_flag;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.DROP_COLUMN)) {
            findings.add(f.statement(), "dropping a column of " + f.statement().tables().get(0)
                    + " breaks code that still uses it and its data is gone", "",
                    "drop it only after no deployed code reads it; suppress with a reason then");
        }
    }
}
