package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.LockLevel;
import dev.lockstep.lint.Severity;
import java.util.List;

public final class StrongLockThenMoreWork extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An ACCESS EXCLUSIVE lock is held while more statements run in the same transaction";
    }

    @Override
    public String why() {
        return "Locks are held until COMMIT. Once a statement takes ACCESS EXCLUSIVE, every query on that table waits "
                + "for all the statements after it in the transaction: a fast ALTER followed by a slow UPDATE blocks "
                + "the table for as long as the UPDATE runs.";
    }

    @Override
    public String instead() {
        return "-- V20__add_column.sql: only the quick ALTER\nALTER TABLE accounts ADD COLUMN plan text;\n"
                + "-- V21__backfill_plan.sql: the slow work, in its own transaction (or in batches)\n"
                + "UPDATE accounts SET plan = 'free' WHERE plan IS NULL;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = 'free';";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.lock() == LockLevel.ACCESS_EXCLUSIVE && Locks.blocksWritesOnExistingTable(script, s)) {
                List<LintStatement> after = script.after(s);
                if (!after.isEmpty()) {
                    findings.add(s, "ACCESS EXCLUSIVE on " + s.tables().get(0) + " is held until COMMIT while "
                            + after.size() + " more statement(s) run", "",
                            "end the migration after this statement; move the rest to the next migration");
                }
                return;
            }
        }
    }
}
