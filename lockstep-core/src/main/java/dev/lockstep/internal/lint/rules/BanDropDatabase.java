package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanDropDatabase extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "DROP DATABASE in a migration destroys a whole database";
    }

    @Override
    public String why() {
        return "A migration runs in every environment it reaches, production included; a database drop there cannot be "
                + "undone except by restoring a backup.";
    }

    @Override
    public String instead() {
        return "Drop databases by hand, with a backup, outside the migration history.";
    }

    @Override
    public String example() {
        return "DROP DATABASE analytics;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.DROP_DATABASE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.DROP_DATABASE) {
                findings.add(s, "a migration must not drop a database", "", "do it by hand, after a backup");
            }
        }
    }
}
