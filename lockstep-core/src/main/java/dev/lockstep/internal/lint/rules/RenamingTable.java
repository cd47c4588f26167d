package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RenamingTable extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Renaming a table breaks the application code that still uses the old name";
    }

    @Override
    public String why() {
        return "The running application version queries the old name; it fails from the moment the rename commits.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE accounts RENAME TO customers;\nCREATE VIEW accounts AS SELECT * FROM customers;  "
                + "-- keeps old code working until it is gone";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts RENAME TO customers;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.RENAME_TABLE)) {
            findings.add(f.statement(), "renaming " + f.statement().tables().get(0)
                    + " breaks running code that uses the old name", "",
                    "rename, then create a view with the old name until old code is gone");
        }
    }
}
