package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Transaction;
import dev.lockstep.lint.Severity;

public final class StrongLockThenMoreWork extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An ACCESS EXCLUSIVE lock is held while costly work, or work on another table, runs in the same "
                + "transaction";
    }

    @Override
    public String why() {
        return "Locks are held until the transaction ends. Once a statement takes ACCESS EXCLUSIVE, every query on "
                + "that table waits for all the statements after it in the transaction: a fast ALTER followed by a "
                + "slow UPDATE blocks the table for as long as the UPDATE runs, and a statement that must lock "
                + "another table may wait for it with the first one blocked all along. More catalog-only changes to "
                + "the same table (another ADD COLUMN without a rewrite, SET DEFAULT, a COMMENT) take microseconds "
                + "and are not reported.";
    }

    @Override
    public String instead() {
        return "-- V20__add_column.sql: only the quick ALTER\nALTER TABLE accounts ADD COLUMN plan text;\n"
                + "-- V21__backfill_plan.sql: the slow work, in its own transaction (or in batches)\n"
                + "UPDATE accounts SET plan = 'free' WHERE plan IS NULL;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN plan text;\nUPDATE accounts SET plan = 'free' WHERE id < 1000;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (Transaction t : script.transactions()) {
            for (LintStatement s : t.statements()) {
                HeldLock lock = Locks.accessExclusive(script, s);
                if (lock == null) {
                    continue;
                }
                String table = Names.normalize(lock.object());
                LintStatement costly = null;
                String why = null;
                for (LintStatement later : script.after(s)) {
                    why = WorkAfterLock.reason(script, later, table);
                    if (why != null) {
                        costly = later;
                        break;
                    }
                }
                if (costly != null) {
                    findings.add(s, "ACCESS EXCLUSIVE on " + lock.object() + " is held until " + t.releasedAt()
                                    + " while line " + costly.line() + " runs: " + why, "",
                            "end the transaction after this statement; move '" + costly.firstLine()
                                    + "' to the next migration (or its own BEGIN ... COMMIT block)");
                }
                break;
            }
        }
    }
}
