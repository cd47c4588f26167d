package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.TransactionControl;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class TransactionNesting extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Transaction control that does not form BEGIN ... COMMIT blocks: a nested BEGIN, a stray COMMIT, "
                + "a block never committed";
    }

    @Override
    public String why() {
        return "A file with BEGIN ... COMMIT blocks runs as written, as psql runs it: each block is one transaction "
                + "and a statement outside any block commits on its own. A BEGIN inside an open block is ignored "
                + "(with a warning), so the next COMMIT ends the outer block early; a COMMIT or ROLLBACK outside a "
                + "block does nothing, so the author's idea of what is atomic is wrong; a block still open at the "
                + "end of the file is rolled back. SAVEPOINT and RELEASE outside a block fail, and two-phase commit "
                + "does not belong in a migration.";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public String instead() {
        return "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\nCOMMIT;\n"
                + "BEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;\nCOMMIT;";
    }

    @Override
    public String example() {
        return "CREATE TABLE a (id bigint);\nCOMMIT;\nCREATE TABLE b (id bigint);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.TRANSACTION_CONTROL, StatementKind.COMMIT_PREPARED);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        LintStatement open = null;
        for (LintStatement s : script.statements()) {
            switch (TransactionControl.of(s)) {
                case BEGIN -> {
                    if (open != null) {
                        findings.add(s, "'" + s.firstLine() + "' inside the block opened at line " + open.line()
                                + ": PostgreSQL ignores it, and the next COMMIT ends the outer block", "",
                                "COMMIT the open block first, or remove this BEGIN");
                    } else {
                        open = s;
                    }
                }
                case END -> {
                    if (open == null) {
                        findings.add(s, "'" + s.firstLine() + "' outside a transaction block does nothing: the "
                                + "statements before it have already committed one by one", "",
                                "open the block with BEGIN before the statements it should make atomic, or remove it");
                    }
                    open = null;
                }
                case SAVEPOINT -> {
                    if (open == null) {
                        findings.add(s, "'" + s.firstLine() + "' outside a transaction block fails", "",
                                "use it only between BEGIN and COMMIT");
                    }
                }
                case TWO_PHASE -> findings.add(s, "'" + s.firstLine() + "': two-phase commit in a migration", "",
                        "remove it; the migration's transaction commits on its own");
                default -> {
                }
            }
        }
        if (open != null) {
            findings.add(open, "the block opened by '" + open.firstLine() + "' is never committed: it is rolled back "
                    + "when the script ends", "", "end the block with COMMIT");
        }
    }
}
