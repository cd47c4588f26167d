package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class DisallowedUniqueConstraint extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD UNIQUE, PRIMARY KEY or EXCLUDE (as a table constraint or on a column in ADD COLUMN) builds its "
                + "index under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "The constraint's unique index is built while the table is locked against reads and writes. Building "
                + "the index CONCURRENTLY first and attaching it with USING INDEX takes the lock only for a moment. "
                + "Every spelling counts: ADD UNIQUE (...), ADD CONSTRAINT name UNIQUE (...) INCLUDE (...), "
                + "UNIQUE NULLS NOT DISTINCT, ADD PRIMARY KEY, an EXCLUDE constraint (which has no USING INDEX form: "
                + "add it when the table is small or quiet), and UNIQUE on a column added by ADD COLUMN.";
    }

    @Override
    public String instead() {
        return "CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email);\n"
                + "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            if (c != null && c.unique() && !c.primaryKey()) {
                findings.add(f.statement(), "the unique index on new column " + c.name() + " is built while "
                                + f.statement().tables().get(0) + " is locked against reads and writes", "scans the table",
                        "add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX");
            }
        }
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_CONSTRAINT)) {
            var a = f.action();
            boolean unique = a.has("UNIQUE") || a.hasSequence("PRIMARY", "KEY") || a.has("EXCLUDE");
            if (unique && !a.hasSequence("USING", "INDEX")) {
                boolean exclude = a.has("EXCLUDE");
                findings.add(f.statement(), "the " + (exclude ? "index behind this exclusion" : "unique index behind this")
                        + " constraint is built while " + f.statement().tables().get(0)
                        + " is locked against reads and writes", "scans the table", exclude
                        ? "an exclusion constraint has no USING INDEX form: add it while the table is small, or at a "
                                + "quiet time with a short lock_timeout"
                        : "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX");
            }
        }
    }
}
