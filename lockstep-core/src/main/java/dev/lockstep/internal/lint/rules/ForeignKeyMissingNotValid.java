package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class ForeignKeyMissingNotValid extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD FOREIGN KEY without NOT VALID scans the table while blocking writes to both tables";
    }

    @Override
    public String why() {
        return "Adding a foreign key takes SHARE ROW EXCLUSIVE on the table and the referenced table and checks every "
                + "existing row: writes to both tables wait for the whole scan. NOT VALID makes the ADD instant; "
                + "VALIDATE CONSTRAINT later checks the rows without blocking writes. REFERENCES on a column added "
                + "with ADD COLUMN and a default is checked the same way and cannot be NOT VALID; without a default "
                + "the new column is all NULL and PostgreSQL skips the check.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) "
                + "NOT VALID;\n-- in the next migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;";
    }

    @Override
    public String example() {
        return "ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            // A new column with no default is all NULL: PostgreSQL marks its foreign key valid without a scan.
            if (c != null && c.references() && c.hasNonNullDefault()) {
                findings.add(f.statement(), "the foreign key on new column " + c.name() + " (its default fills every "
                                + "row) is checked against every row of " + f.statement().tables().get(0) + " while it and the referenced table are locked",
                        "scans the table", "add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... "
                                + "NOT VALID and VALIDATE it in a separate migration");
            }
        }
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_CONSTRAINT)) {
            var a = f.action();
            if (a.hasSequence("FOREIGN", "KEY") && !a.hasSequence("NOT", "VALID")) {
                findings.add(f.statement(), "the foreign key is checked against every row of "
                                + f.statement().tables().get(0) + " while writes to it and to the referenced table wait",
                        "scans the table", "ALTER TABLE " + f.statement().tables().get(0) + " "
                                + AlterActions.text(a.tokens()) + " NOT VALID; then VALIDATE CONSTRAINT separately");
            }
        }
    }
}
