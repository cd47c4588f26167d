package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class ConstraintMissingNotValid extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD CONSTRAINT ... CHECK (or a CHECK in ADD COLUMN, or on PostgreSQL 18 a NOT NULL constraint) "
                + "without NOT VALID scans the table under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "Adding a CHECK constraint checks every existing row while holding ACCESS EXCLUSIVE: no reads or writes "
                + "for the length of a full table scan. Added NOT VALID it only applies to new rows and is instant; "
                + "VALIDATE CONSTRAINT then checks the old rows under SHARE UPDATE EXCLUSIVE, which lets reads and "
                + "writes go on. A CHECK written on a column in ADD COLUMN is checked the same way, and cannot be "
                + "NOT VALID: add the column, then the constraint. On PostgreSQL 18, ADD CONSTRAINT ... NOT NULL "
                + "column can be NOT VALID too.";
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
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            if (c != null && c.check()) {
                findings.add(f.statement(), "the CHECK on new column " + c.name() + " is checked against every row of "
                                + f.statement().tables().get(0) + " while ACCESS EXCLUSIVE is held", "scans the table",
                        "add the column without the CHECK, then ADD CONSTRAINT ... CHECK (...) NOT VALID and VALIDATE "
                                + "it in a separate migration");
            }
        }
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_CONSTRAINT)) {
            var a = f.action();
            boolean notNull = script.pgVersion() >= 18 && a.hasSequence("NOT", "NULL") && !a.has("CHECK");
            if (notNull && !a.hasSequence("NOT", "VALID")) {
                findings.add(f.statement(), "the NOT NULL constraint is checked against every row of "
                                + f.statement().tables().get(0) + " while ACCESS EXCLUSIVE is held", "scans the table",
                        "ALTER TABLE " + f.statement().tables().get(0) + " " + AlterActions.text(a.tokens())
                                + " NOT VALID; then VALIDATE CONSTRAINT in a separate migration");
            }
            if (a.has("CHECK") && !a.hasSequence("NOT", "VALID")) {
                findings.add(f.statement(), "the CHECK constraint is validated against every row of "
                                + f.statement().tables().get(0) + " while ACCESS EXCLUSIVE is held", "scans the table",
                        "ALTER TABLE " + f.statement().tables().get(0) + " " + AlterActions.text(a.tokens())
                                + " NOT VALID; then VALIDATE CONSTRAINT in a separate migration");
            }
        }
    }
}
