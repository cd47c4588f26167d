package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class DisallowedUniqueConstraint extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY builds its index under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "The constraint's unique index is built while the table is locked against reads and writes. Building "
                + "the index CONCURRENTLY first and attaching it with USING INDEX takes the lock only for a moment.";
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
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_CONSTRAINT)) {
            var a = f.action();
            boolean unique = a.has("UNIQUE") || a.hasSequence("PRIMARY", "KEY");
            if (unique && !a.hasSequence("USING", "INDEX")) {
                findings.add(f.statement(), "the unique index behind this constraint is built while "
                        + f.statement().tables().get(0) + " is locked against reads and writes", "scans the table",
                        "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX");
            }
        }
    }
}
