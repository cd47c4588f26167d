package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.lint.Severity;

public final class SetNotNullWithoutCheck extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a validated CHECK proves it";
    }

    @Override
    public String why() {
        return "PostgreSQL checks every row while holding ACCESS EXCLUSIVE. Since PostgreSQL 12 it skips the scan when "
                + "a valid CHECK (column IS NOT NULL) constraint already proves it; that constraint can be added "
                + "NOT VALID and validated under a weaker lock first.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE accounts ADD CONSTRAINT accounts_plan_not_null CHECK (plan IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_not_null;  -- in a later migration\n"
                + "ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;               -- instant now\n"
                + "ALTER TABLE accounts DROP CONSTRAINT accounts_plan_not_null;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.SET_NOT_NULL)) {
            if (!validatedEarlier(script, f.statement())) {
                findings.add(f.statement(), "SET NOT NULL scans all of " + f.statement().tables().get(0)
                        + " under ACCESS EXCLUSIVE", "scans the table",
                        "first ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID and VALIDATE it "
                                + (script.pgVersion() >= 12 ? "" : "(needs PostgreSQL 12+) "));
            }
        }
    }

    /** An earlier statement of the script validated a constraint on the same table. */
    private static boolean validatedEarlier(ScriptContext script, LintStatement s) {
        for (LintStatement e : script.statements()) {
            if (e == s) {
                return false;
            }
            boolean sameTable = s.table() != null && s.table().equals(e.table());
            if (sameTable && e.alterActions().stream().anyMatch(a -> a.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }
}
