package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanTruncateCascade extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "TRUNCATE ... CASCADE empties every table that references the named one, recursively";
    }

    @Override
    public String why() {
        return "CASCADE follows foreign keys: truncating a small lookup table also empties every table that references "
                + "it, and the tables referencing those, under ACCESS EXCLUSIVE. The list is decided by the schema at "
                + "run time, not by what the migration's author saw.";
    }

    @Override
    public String instead() {
        return "TRUNCATE audit_events, audit_details;  -- name every table on purpose";
    }

    @Override
    public String example() {
        return "TRUNCATE plans CASCADE;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.TRUNCATE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.TRUNCATE && s.hasSequence("CASCADE")) {
                findings.add(s, "TRUNCATE ... CASCADE also empties every table that references "
                        + String.join(", ", s.tables()), "", "name each table to truncate, without CASCADE");
            }
        }
    }
}
