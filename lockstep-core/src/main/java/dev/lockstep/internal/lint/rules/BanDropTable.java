package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanDropTable extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Dropping a table breaks code that still uses it, and loses its data";
    }

    @Override
    public String why() {
        return "Running code that queries the table fails at once, and the rows are gone: no down script brings them "
                + "back, only a restore.";
    }

    @Override
    public String instead() {
        return "-- rename it first and drop it a release later, once nothing has missed it\n"
                + "ALTER TABLE old_events RENAME TO old_events_unused;";
    }

    @Override
    public String example() {
        return "DROP TABLE old_events;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.DROP_TABLE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.DROP_TABLE && !script.createdBefore(s, s.table())) {
                findings.add(s, "dropping " + String.join(", ", s.tables()) + " breaks code that still uses it and "
                        + "its data is gone", "", "rename it first; drop it a release later, after a backup");
            }
        }
    }
}
