package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.TokenType;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class SetLocalOutsideTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "SET LOCAL, SET TRANSACTION or set_config(..., true) where no transaction block is open does nothing";
    }

    @Override
    public String why() {
        return "These settings last until the end of the current transaction. Outside a transaction block (a file "
                + "that runs statement by statement because of CONCURRENTLY or -- lockstep:transaction off, or a "
                + "statement outside the BEGIN ... COMMIT blocks of the file) the statement is its own transaction: "
                + "PostgreSQL warns and the setting is gone before the next statement. The lock_timeout or "
                + "statement_timeout the author meant to set is not set.";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public String instead() {
        return "SET lock_timeout = '2s';  -- a session setting lasts for the statements after it\n"
                + "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);";
    }

    @Override
    public String example() {
        return "SET LOCAL lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.SET, StatementKind.SELECT);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (script.inBlock(s)) {
                continue;
            }
            boolean local = s.kind() == StatementKind.SET && (s.is(1, "LOCAL") || s.is(1, "TRANSACTION"));
            if (local || setConfigLocal(s)) {
                findings.add(s, "'" + s.firstLine() + "' runs outside a transaction block: the setting ends with "
                        + "the statement itself", "", "use a session SET (without LOCAL), or put it in the same "
                        + "BEGIN ... COMMIT block as the statements it is for");
            }
        }
    }

    /** {@code SELECT set_config('lock_timeout', '2s', true)}: the third argument true makes it transaction-local. */
    private static boolean setConfigLocal(LintStatement s) {
        if (s.kind() != StatementKind.SELECT) {
            return false;
        }
        int at = s.indexOf("SET_CONFIG", 1);
        if (at < 0 || s.tok(at + 1) == null || !s.tok(at + 1).isPunct("(")) {
            return false;
        }
        Tok last = s.tok(s.closing(at + 1) - 1);
        return last != null && last.type() == TokenType.WORD && last.is("TRUE");
    }
}
