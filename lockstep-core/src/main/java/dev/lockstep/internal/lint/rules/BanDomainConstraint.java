package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanDomainConstraint extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A CHECK on a domain is validated against every column of that domain, with no NOT VALID escape";
    }

    @Override
    public String why() {
        return "ALTER DOMAIN ... ADD CONSTRAINT checks every row of every table that uses the domain, under locks on "
                + "all of them; a domain created with a CHECK cannot later be changed without that cost. Table "
                + "CHECK constraints can be added NOT VALID and validated without blocking writes.";
    }

    @Override
    public String instead() {
        return "CREATE DOMAIN email AS text;\nALTER TABLE accounts ADD CONSTRAINT accounts_email_format "
                + "CHECK (email LIKE '%@%') NOT VALID;";
    }

    @Override
    public String example() {
        return "ALTER DOMAIN email ADD CONSTRAINT email_format CHECK (VALUE LIKE '%@%');";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.CREATE_TYPE, StatementKind.ALTER_OTHER);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            boolean domain = (s.kind() == StatementKind.CREATE_TYPE || s.kind() == StatementKind.ALTER_OTHER)
                    && s.is(1, "DOMAIN");
            if (domain && (s.hasSequence("CHECK") || s.hasSequence("ADD", "CONSTRAINT"))) {
                findings.add(s, "a domain CHECK is validated against every column of the domain, in every table",
                        "scans the table", "put the CHECK on the table columns, added NOT VALID");
            }
        }
    }
}
