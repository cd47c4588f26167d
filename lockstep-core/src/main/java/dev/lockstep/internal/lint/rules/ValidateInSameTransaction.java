package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class ValidateInSameTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VALIDATE CONSTRAINT in the same transaction as its NOT VALID gains nothing";
    }

    @Override
    public String why() {
        return "NOT VALID exists so that the ACCESS EXCLUSIVE lock of ADD CONSTRAINT is short. Validating in the same "
                + "transaction keeps that lock for the whole validation scan, exactly what NOT VALID was meant to "
                + "avoid.";
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
    public void check(ScriptContext script, Findings findings) {
        if (!script.transactional()) {
            return;
        }
        java.util.Set<String> notValidTables = new java.util.HashSet<>();
        for (LintStatement s : script.statements()) {
            for (AlterAction a : s.alterActions()) {
                if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && a.hasSequence("NOT", "VALID")) {
                    notValidTables.add(s.table());
                } else if (a.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT && notValidTables.contains(s.table())) {
                    findings.add(s, "validating in the same transaction as the NOT VALID constraint keeps ACCESS "
                            + "EXCLUSIVE on " + s.tables().get(0) + " for the whole scan", "scans the table",
                            "move the VALIDATE CONSTRAINT to the next migration");
                }
            }
        }
    }
}
