package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class PreferIdentity extends Rule {
    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "serial columns are legacy; identity columns are the standard and safer";
    }

    @Override
    public String why() {
        return "A serial column's sequence is a separate object with its own grants and ownership, easy to get out of "
                + "step (after a copy, a restore or a manual insert). Identity columns belong to the table and reject "
                + "accidental explicit values (GENERATED ALWAYS).";
    }

    @Override
    public String instead() {
        return "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    }

    @Override
    public String example() {
        return "CREATE TABLE events (id bigserial PRIMARY KEY);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            if (f.column().baseType().endsWith("SERIAL") || f.column().baseType().startsWith("SERIAL")) {
                findings.add(f.statement(), "column " + f.column().name() + " uses " + f.column().baseType()
                        .toLowerCase(java.util.Locale.ROOT), "", f.column().name()
                        + " bigint GENERATED ALWAYS AS IDENTITY");
            }
        }
    }
}
