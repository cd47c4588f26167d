package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class PreferRobustStatements extends Rule {
    private static final Set<StatementKind> CREATES = Set.of(StatementKind.CREATE_TABLE, StatementKind.CREATE_INDEX,
            StatementKind.CREATE_INDEX_CONCURRENTLY, StatementKind.CREATE_SCHEMA, StatementKind.CREATE_SEQUENCE,
            StatementKind.CREATE_EXTENSION);
    private static final Set<StatementKind> DROPS = Set.of(StatementKind.DROP_TABLE, StatementKind.DROP_INDEX,
            StatementKind.DROP_INDEX_CONCURRENTLY);

    @Override
    public Severity severity() {
        return Severity.HINT;
    }

    @Override
    public String summary() {
        return "A file that runs without a transaction should be safe to run twice";
    }

    @Override
    public String why() {
        return "Without a transaction, a failure half-way leaves the first statements applied. Lockstep records them "
                + "and resumes after them, but other tools, or a hand-run retry, start the file over and fail with "
                + "\"already exists\".";
    }

    @Override
    public String instead() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email);\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS accounts_old;";
    }

    @Override
    public String example() {
        return "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\nDROP INDEX CONCURRENTLY accounts_old;";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        if (script.transactional()) {
            return;
        }
        for (LintStatement s : script.statements()) {
            if (script.inBlock(s)) {
                continue;
            }
            if (CREATES.contains(s.kind()) && !s.hasSequence("IF", "NOT", "EXISTS")) {
                findings.add(s, "'" + s.firstLine() + "' fails with \"already exists\" if the file is run again", "",
                        "add IF NOT EXISTS");
            } else if (DROPS.contains(s.kind()) && !s.hasSequence("IF", "EXISTS")) {
                findings.add(s, "'" + s.firstLine() + "' fails with \"does not exist\" if the file is run again", "",
                        "add IF EXISTS");
            }
        }
    }
}
