package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class PreferBigintPrimaryKey extends Rule {
    private static final Set<String> SMALL = Set.of("INT", "INTEGER", "INT4", "INT2", "SMALLINT", "SERIAL", "SERIAL4",
            "SMALLSERIAL", "SERIAL2");

    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "A 32-bit (int/serial) primary key runs out at 2.1 billion rows";
    }

    @Override
    public String why() {
        return "When the sequence passes 2,147,483,647 every insert fails, and widening the key later rewrites the "
                + "table and every table that references it, under ACCESS EXCLUSIVE.";
    }

    @Override
    public String instead() {
        return "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ...);";
    }

    @Override
    public String example() {
        return "CREATE TABLE events (id serial PRIMARY KEY, payload jsonb);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            if (f.primaryKey() && SMALL.contains(f.column().baseType())) {
                findings.add(f.statement(), "primary key " + f.column().name() + " is " + f.column().baseType()
                        .toLowerCase(java.util.Locale.ROOT) + ": it runs out at 2,147,483,647", "",
                        f.column().name() + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
            }
        }
    }
}
