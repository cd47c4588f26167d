package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class PreferTimestamptz extends Rule {
    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "timestamp without time zone loses the moment a value means";
    }

    @Override
    public String why() {
        return "timestamp stores a wall-clock reading without its zone: the same value means different moments to "
                + "clients in different time zones, and daylight-saving changes make values ambiguous. timestamptz "
                + "stores an instant and converts on the way in and out.";
    }

    @Override
    public String instead() {
        return "created_at timestamptz NOT NULL DEFAULT now()";
    }

    @Override
    public String example() {
        return "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp NOT NULL);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (ColumnDefs.Found f : ColumnDefs.of(script)) {
            var c = f.column();
            if (c.baseType().equals("TIMESTAMP") && !(c.typeHas("WITH") && c.typeHas("ZONE") && !c.typeHas("WITHOUT"))) {
                findings.add(f.statement(), "column " + c.name() + " is timestamp without time zone", "",
                        c.name() + " timestamptz");
            }
        }
    }
}
