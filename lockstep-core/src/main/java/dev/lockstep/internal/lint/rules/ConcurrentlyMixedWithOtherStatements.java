package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;

public final class ConcurrentlyMixedWithOtherStatements extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "A statement that cannot run in a transaction makes the whole file lose its transaction";
    }

    @Override
    public String why() {
        return "Because CREATE INDEX CONCURRENTLY (and the like) cannot run in a transaction, the whole migration runs "
                + "statement by statement. The other statements of the file then are no longer all-or-nothing: a "
                + "failure half-way leaves the ones before it applied (Lockstep records and resumes them).";
    }

    @Override
    public String instead() {
        return "Put each CONCURRENTLY statement in a migration of its own, and keep the transactional DDL together "
                + "in another.";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        long others = script.statements().stream().filter(s -> s.kind().transactional()
                && s.kind() != StatementKind.TRANSACTION_CONTROL).count();
        if (others == 0) {
            return;
        }
        for (LintStatement s : script.statements()) {
            if (!s.kind().transactional()) {
                findings.add(s, "'" + s.firstLine() + "' cannot run in a transaction, so the " + others
                        + " other statement(s) of this file run without one too", "",
                        "move it to a migration of its own");
                return;
            }
        }
    }
}
