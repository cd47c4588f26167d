package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Transaction;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class ValidateInSameTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VALIDATE CONSTRAINT in a transaction that already holds a write-blocking lock on the table";
    }

    @Override
    public String why() {
        return "VALIDATE CONSTRAINT itself takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on while it "
                + "scans. But locks are held until the transaction ends: after an ADD CONSTRAINT ... NOT VALID (ACCESS "
                + "EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE for a foreign key) or any other ALTER of the table in "
                + "the same transaction, the scan runs with that stronger lock held, exactly what NOT VALID was meant "
                + "to avoid. A VALIDATE in its own transaction (its own migration, or its own BEGIN ... COMMIT block) "
                + "is the safe form and is not reported.";
    }

    @Override
    public String instead() {
        return "-- V10__add_fk.sql\nALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) "
                + "REFERENCES accounts (id) NOT VALID;\n-- V11__validate_fk.sql\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;";
    }

    @Override
    public String example() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) "
                + "NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (Transaction t : script.transactions()) {
            for (LintStatement s : t.statements()) {
                if (!AlterActions.any(s, AlterAction.Kind.VALIDATE_CONSTRAINT) || s.table() == null
                        || script.createdBefore(s, s.table())) {
                    continue;
                }
                HeldLock held = heldBefore(t, s);
                if (held != null) {
                    findings.add(s, "the validation scan of " + s.tables().get(0) + " runs while " + held.mode().sqlName()
                                    + " taken earlier in this transaction is held (until " + t.releasedAt()
                                    + "): it blocks " + held.blocks() + " for the whole scan", "scans the table",
                            "end the transaction before the VALIDATE: put it in the next migration, or in its own "
                                    + "BEGIN ... COMMIT block");
                }
            }
        }
    }

    /** The strongest write-blocking lock on {@code s}'s table taken by an earlier statement of the transaction. */
    private static HeldLock heldBefore(Transaction t, LintStatement s) {
        HeldLock strongest = null;
        for (LintStatement e : t.statements()) {
            if (e == s) {
                break;
            }
            for (HeldLock l : e.locks()) {
                if (l.blocksWrites() && Names.normalize(l.object()).equals(s.table())
                        && (strongest == null || l.mode().compareTo(strongest.mode()) > 0)) {
                    strongest = l;
                }
            }
        }
        return strongest;
    }
}
