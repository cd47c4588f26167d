package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class BanCharField extends Rule {
    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "char(n) pads values with spaces and is never faster than text";
    }

    @Override
    public String why() {
        return "char(n) stores blank-padded values, compares them ignoring trailing spaces and surprises everyone who "
                + "reads them back; it is not faster or smaller than text in PostgreSQL.";
    }

    @Override
    public String instead() {
        return "country_code text NOT NULL CHECK (length(country_code) = 2)";
    }

    @Override
    public String example() {
        return "CREATE TABLE addresses (id bigint PRIMARY KEY, country_code char(2));";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            var c = f.column();
            boolean isChar = (c.baseType().equals("CHAR") || c.baseType().equals("CHARACTER") || c.baseType().equals("BPCHAR"))
                    && !c.typeHas("VARYING");
            if (isChar) {
                findings.add(f.statement(), "column " + c.name() + " is " + AlterActions.text(c.type()), "",
                        c.name() + " text, with a CHECK on its length if needed");
            }
        }
    }
}
