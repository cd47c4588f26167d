package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireConcurrentIndexDrop extends Rule {
    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table";
    }

    @Override
    public String why() {
        return "A plain DROP INDEX locks the table against reads and writes; if a long query holds the table, the "
                + "DROP waits and every new query queues behind it.";
    }

    @Override
    public String instead() {
        return "DROP INDEX CONCURRENTLY IF EXISTS accounts_email;";
    }

    @Override
    public String example() {
        return "DROP INDEX accounts_email;";
    }

    /** An index the script itself created a moment ago has no readers to block. */
    private static boolean createdBefore(ScriptContext script, LintStatement s) {
        String name = s.statement().info().indexName();
        if (name == null) {
            return false;
        }
        for (LintStatement e : script.statements().subList(0, s.index())) {
            if ((e.kind() == StatementKind.CREATE_INDEX || e.kind() == StatementKind.CREATE_INDEX_CONCURRENTLY)
                    && name.equals(e.statement().info().indexName())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.DROP_INDEX);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.DROP_INDEX && !createdBefore(script, s)) {
                findings.add(s, "DROP INDEX without CONCURRENTLY locks the index's table against reads and writes", "",
                        "DROP INDEX CONCURRENTLY IF EXISTS " + s.statement().info().indexName() + ";");
            }
        }
    }
}
