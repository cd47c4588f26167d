package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Transaction;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanConcurrentIndexInTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A CONCURRENTLY statement (or VACUUM, or another that cannot run in a transaction block) inside an "
                + "explicit BEGIN ... COMMIT block fails";
    }

    @Override
    public String why() {
        return "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM and a few "
                + "others cannot run inside a transaction block. Inside BEGIN ... COMMIT the statement fails, and "
                + "with it the block.";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public String instead() {
        return "Move the statement out of the BEGIN ... COMMIT block; Lockstep runs it on its own, outside any "
                + "transaction.";
    }

    @Override
    public String example() {
        return "BEGIN;\nCREATE TABLE audit (id bigint);\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "SELECT 1;\nCOMMIT;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return NOT_TRANSACTIONAL;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            Transaction t = script.transactionOf(s);
            if (t != null && t.explicit() && !s.kind().transactional()) {
                findings.add(s, "'" + s.firstLine() + "' cannot run inside the BEGIN ... COMMIT block that surrounds "
                        + "it", "", "move it out of the transaction block");
            }
        }
    }
}
