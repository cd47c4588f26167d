package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class PreferTextField extends Rule {
    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "varchar(n) makes every later change of the limit a locking migration";
    }

    @Override
    public String why() {
        return "In PostgreSQL text and varchar perform the same; the length limit only adds a check. Lowering it later "
                + "rewrites or scans the table under ACCESS EXCLUSIVE. A CHECK constraint can be replaced NOT VALID "
                + "without that.";
    }

    @Override
    public String instead() {
        return "email text NOT NULL CHECK (length(email) <= 320)";
    }

    @Override
    public String example() {
        return "CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(255));";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            var c = f.column();
            boolean varchar = c.baseType().equals("VARCHAR") || (c.baseType().equals("CHARACTER") && c.typeHas("VARYING"));
            if (varchar && c.typeHasLength()) {
                findings.add(f.statement(), "column " + c.name() + " is " + AlterActions.text(c.type()), "",
                        c.name() + " text, with CHECK (length(" + c.name() + ") <= n) if the limit matters");
            }
        }
    }
}
