package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.TransactionControl;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class ConcurrentlyMixedWithOtherStatements extends Rule {
    @Override
    public Severity severity() {
        // Lockstep records each statement it ran and resumes after a failure, so the lost atomicity is a
        // matter of how the history reads, not a danger.
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "A statement that cannot run in a transaction makes the file's other statements lose theirs";
    }

    @Override
    public String why() {
        return "Because CREATE INDEX CONCURRENTLY (and the like) cannot run in a transaction, the whole migration runs "
                + "statement by statement. The other statements of the file then are no longer all-or-nothing: a "
                + "failure half-way leaves the ones before it applied (Lockstep records and resumes them). "
                + "Statements inside an explicit BEGIN ... COMMIT block keep their transaction and are not counted.";
    }

    @Override
    public String instead() {
        return "Put each CONCURRENTLY statement in a migration of its own, or wrap the other statements in their own "
                + "BEGIN ... COMMIT block:\nBEGIN;\nALTER TABLE accounts ADD COLUMN email text;\nCOMMIT;\n"
                + "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return NOT_TRANSACTIONAL;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        if (script.transactional()) {
            return;
        }
        // A SET is a session setting (lock_timeout, say): it belongs with the statement it prepares.
        long others = 0;
        for (LintStatement s : script.statements()) {
            if (s.kind().transactional() && s.kind() != StatementKind.SET
                    && TransactionControl.of(s) == TransactionControl.NONE && !script.inBlock(s)) {
                others++;
            }
        }
        if (others == 0) {
            return;
        }
        for (LintStatement s : script.statements()) {
            if (!s.kind().transactional() && !script.inBlock(s)) {
                findings.add(s, "'" + s.firstLine() + "' cannot run in a transaction, so the " + others
                        + " other statement(s) of this file outside a BEGIN ... COMMIT block run without one too", "",
                        "move it to a migration of its own, or wrap the others in BEGIN ... COMMIT");
                return;
            }
        }
    }
}
