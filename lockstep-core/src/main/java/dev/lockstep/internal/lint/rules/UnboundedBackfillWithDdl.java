package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Transaction;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class UnboundedBackfillWithDdl extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "An UPDATE or DELETE of the whole table in the same transaction as a DDL lock";
    }

    @Override
    public String why() {
        return "An UPDATE or DELETE without WHERE touches every row. In the same transaction as DDL that holds a "
                + "write-blocking lock, the table stays blocked for the whole backfill, and the backfill itself locks "
                + "every row it writes.";
    }

    @Override
    public String instead() {
        return "-- V40__add_column.sql\nALTER TABLE tasks ADD COLUMN priority smallint;\n"
                + "-- V41__backfill_priority.sql (its own transaction; or batched with a WHERE on the key)\n"
                + "UPDATE tasks SET priority = 2 WHERE priority IS NULL;";
    }

    @Override
    public String example() {
        return "ALTER TABLE tasks ADD COLUMN priority smallint;\nUPDATE tasks SET priority = 2;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.UPDATE, StatementKind.DELETE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (Transaction t : script.transactions()) {
            if (!t.block()) {
                continue;
            }
            LintStatement ddl = null;
            for (LintStatement s : t.statements()) {
                if (Locks.blocksWritesOnExistingTable(script, s) && s.kind() != StatementKind.LOCK_TABLE
                        && s.kind() != StatementKind.UPDATE && s.kind() != StatementKind.DELETE) {
                    ddl = s;
                    break;
                }
            }
            if (ddl == null) {
                continue;
            }
            for (LintStatement s : t.statements()) {
                boolean dml = s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.DELETE;
                if (dml && s.table() != null && s.indexOf("WHERE", 0) < 0 && !script.createdBefore(s, s.table())) {
                    findings.add(s, "this " + s.kind().name() + " of every row of " + s.tables().get(0) + " runs while "
                            + ddl.locks().get(0) + " (line " + ddl.line() + ") is held until " + t.releasedAt(), "",
                            "move the backfill to its own migration, in batches with a WHERE on the primary key");
                }
            }
        }
    }
}
