package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.List;

public final class TransactionNesting extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "BEGIN, COMMIT or ROLLBACK inside a migration breaks its transaction";
    }

    @Override
    public String why() {
        return "The migration tool owns the transaction: a COMMIT in the middle commits half the migration and its "
                + "history row goes out of step. Lockstep accepts a file wrapped in one BEGIN ... COMMIT (it unwraps "
                + "it) and refuses any other transaction control.";
    }

    @Override
    public String instead() {
        return "Remove the transaction control statements, or split the file into two migrations.";
    }

    @Override
    public String example() {
        return "CREATE TABLE a (id bigint);\nCOMMIT;\nCREATE TABLE b (id bigint);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        List<LintStatement> all = script.statements();
        for (int i = 0; i < all.size(); i++) {
            LintStatement s = all.get(i);
            if (s.kind() != StatementKind.TRANSACTION_CONTROL) {
                continue;
            }
            boolean wrapperBegin = i == 0 && (s.is(0, "BEGIN") || s.is(0, "START")) && isCommit(all.get(all.size() - 1));
            boolean wrapperCommit = i == all.size() - 1 && isCommit(s) && all.size() > 1
                    && (all.get(0).is(0, "BEGIN") || all.get(0).is(0, "START"));
            if (!wrapperBegin && !wrapperCommit) {
                findings.add(s, "'" + s.firstLine() + "' inside a migration", "",
                        "remove it; Lockstep runs each migration in its own transaction");
            }
        }
    }

    private static boolean isCommit(LintStatement s) {
        return s.kind() == StatementKind.TRANSACTION_CONTROL && (s.is(0, "COMMIT") || s.is(0, "END"));
    }
}
