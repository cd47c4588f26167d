package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireConcurrentIndex extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds";
    }

    @Override
    public String why() {
        return "A plain CREATE INDEX takes a SHARE lock: reads go on, but every INSERT, UPDATE and DELETE on the table "
                + "waits until the whole table has been scanned and sorted, which on a large table is minutes.";
    }

    @Override
    public String instead() {
        return "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n-- Lockstep runs the file statement by "
                + "statement, checks the index is valid afterwards and resumes after a failure.";
    }

    @Override
    public String example() {
        return "CREATE INDEX accounts_email ON accounts (email);";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.CREATE_INDEX);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.CREATE_INDEX && !script.createdBefore(s, s.table())) {
                String sql = s.sql();
                int at = sql.toUpperCase(java.util.Locale.ROOT).indexOf("INDEX");
                String fix = at < 0 ? "use CREATE INDEX CONCURRENTLY"
                        : sql.substring(0, at + 5) + " CONCURRENTLY" + sql.substring(at + 5) + ";";
                findings.add(s, "CREATE INDEX without CONCURRENTLY blocks writes to " + s.tables().get(0)
                        + " until the index is built", "scans the table", fix);
            }
        }
    }
}
