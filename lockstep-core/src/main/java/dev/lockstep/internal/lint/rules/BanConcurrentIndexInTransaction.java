package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;

public final class BanConcurrentIndexInTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A CONCURRENTLY statement inside an explicit BEGIN ... COMMIT block fails";
    }

    @Override
    public String why() {
        return "CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY cannot run inside a transaction block. Inside "
                + "BEGIN ... COMMIT (run by psql or another tool) the migration fails.";
    }

    @Override
    public String instead() {
        return "Remove BEGIN/COMMIT around the statement, or move it to a migration of its own; Lockstep runs such a "
                + "migration statement by statement.";
    }

    @Override
    public String example() {
        return "BEGIN;\nCREATE TABLE audit (id bigint);\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "SELECT 1;\nCOMMIT;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        boolean inBlock = false;
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.TRANSACTION_CONTROL) {
                inBlock = s.is(0, "BEGIN") || s.is(0, "START");
            } else if (inBlock && !s.kind().transactional() && s.hasSequence("CONCURRENTLY")) {
                findings.add(s, "CONCURRENTLY cannot run inside the BEGIN ... COMMIT block that surrounds it", "",
                        "move '" + s.firstLine() + "' out of the transaction block");
            }
        }
    }
}
