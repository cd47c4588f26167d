package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class ConstraintMissingNotValid extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "Adding a CHECK constraint checks every existing row while holding ACCESS EXCLUSIVE: no reads or writes "
                + "for the length of a full table scan. Added NOT VALID it only applies to new rows and is instant; "
                + "VALIDATE CONSTRAINT then checks the old rows under SHARE UPDATE EXCLUSIVE, which lets reads and "
                + "writes go on.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;\n"
                + "-- in the next migration (its own transaction):\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;";
    }

    @Override
    public String example() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_CONSTRAINT)) {
            var a = f.action();
            if (a.has("CHECK") && !a.hasSequence("NOT", "VALID")) {
                findings.add(f.statement(), "the CHECK constraint is validated against every row of "
                                + f.statement().tables().get(0) + " while ACCESS EXCLUSIVE is held", "scans the table",
                        "ALTER TABLE " + f.statement().tables().get(0) + " " + AlterActions.text(a.tokens())
                                + " NOT VALID; then VALIDATE CONSTRAINT in a separate migration");
            }
        }
    }
}
