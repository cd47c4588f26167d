package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.TokenType;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class EnumValueUsedInSameTransaction extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A value added with ALTER TYPE ... ADD VALUE cannot be used in the same transaction";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses to use a new enum value before the transaction that added it commits (\"unsafe use "
                + "of new value\"); before PostgreSQL 12, ADD VALUE cannot run in a transaction block at all.";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public String instead() {
        return "-- V50__add_state.sql\nALTER TYPE task_state ADD VALUE 'archived';\n"
                + "-- V51__archive_old_tasks.sql\nUPDATE tasks SET state = 'archived' WHERE ...;";
    }

    @Override
    public String example() {
        return "ALTER TYPE task_state ADD VALUE 'archived';\nUPDATE tasks SET state = 'archived' WHERE id < 10;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.ALTER_TYPE_ADD_VALUE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        java.util.Set<Integer> reported = new java.util.HashSet<>();
        for (LintStatement s : script.statements()) {
            if (s.kind() != StatementKind.ALTER_TYPE_ADD_VALUE || !script.inBlock(s)) {
                continue;
            }
            if (script.pgVersion() < 12) {
                findings.add(s, "before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run in a transaction", "",
                        "put it in a migration with -- lockstep:transaction off (outside any BEGIN ... COMMIT)");
                continue;
            }
            String value = firstString(s);
            for (LintStatement later : script.after(s)) {
                // Adding the same label to another enum, or placing a label AFTER the new one, and a comment
                // that quotes it do not use the value; PostgreSQL accepts them in the same transaction.
                if (later.kind() == StatementKind.ALTER_TYPE_ADD_VALUE || later.kind() == StatementKind.COMMENT) {
                    continue;
                }
                if (value != null && hasString(later, value) && reported.add(later.index())) {
                    findings.add(later, "uses enum value " + value + " added in the same transaction; PostgreSQL "
                            + "rejects it", "", "move this statement to the next migration");
                }
            }
        }
    }

    /** The first string literal of the statement (the value added), or null. */
    private static String firstString(LintStatement s) {
        for (Tok t : s.tokens()) {
            if (t.type() == TokenType.STRING) {
                return t.text();
            }
        }
        return null;
    }

    private static boolean hasString(LintStatement s, String literal) {
        for (Tok t : s.tokens()) {
            if (t.type() == TokenType.STRING && t.text().equals(literal)) {
                return true;
            }
        }
        return false;
    }
}
