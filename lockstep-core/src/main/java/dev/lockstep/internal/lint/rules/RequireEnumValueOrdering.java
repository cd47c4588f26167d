package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireEnumValueOrdering extends Rule {
    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "ALTER TYPE ... ADD VALUE without BEFORE or AFTER puts the new value last";
    }

    @Override
    public String why() {
        return "Enum values compare and sort in the order they were declared. A value added without BEFORE or AFTER "
                + "goes last: where the order means something (ORDER BY state, state < 'shipped', a CHECK on a "
                + "range), the new value lands in the wrong place, and reordering later means recreating the type.";
    }

    @Override
    public String instead() {
        return "ALTER TYPE order_state ADD VALUE 'packed' AFTER 'paid';";
    }

    @Override
    public String example() {
        return "ALTER TYPE order_state ADD VALUE 'packed';";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.ALTER_TYPE_ADD_VALUE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.ALTER_TYPE_ADD_VALUE && s.indexOf("BEFORE", 3) < 0 && s.indexOf("AFTER", 3) < 0) {
                findings.add(s, "the new value is added after all the others; say where it belongs if the order "
                        + "matters", "", "ALTER TYPE ... ADD VALUE '...' BEFORE '...' (or AFTER '...')");
            }
        }
    }
}
