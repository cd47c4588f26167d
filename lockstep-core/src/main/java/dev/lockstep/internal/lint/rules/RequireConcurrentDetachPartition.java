package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireConcurrentDetachPartition extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table (PostgreSQL 14+)";
    }

    @Override
    public String why() {
        return "A plain DETACH PARTITION locks the whole partitioned table, every partition's readers and writers "
                + "included, and waits for every query on it to finish first while new queries queue behind it. Since "
                + "PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY takes SHARE UPDATE EXCLUSIVE instead and lets "
                + "reads and writes go on. Before 14 there is no concurrent form, so the rule does not report it there; "
                + "Lockstep's lock_timeout and retries keep the wait short.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;  -- runs outside a transaction";
    }

    @Override
    public String example() {
        return "ALTER TABLE events DETACH PARTITION events_2023;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        if (script.pgVersion() < 14) {
            return;
        }
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.DETACH_PARTITION)) {
            if (!f.action().has("CONCURRENTLY") && !f.action().has("FINALIZE")) {
                findings.add(f.statement(), "DETACH PARTITION without CONCURRENTLY locks all of "
                                + f.statement().tables().get(0) + " against reads and writes", "",
                        AlterActions.statementText(f.statement()) + " CONCURRENTLY;  -- in a migration of its own");
            }
        }
    }
}
