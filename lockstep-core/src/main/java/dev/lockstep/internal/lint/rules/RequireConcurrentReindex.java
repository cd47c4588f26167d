package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireConcurrentReindex extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "REINDEX without CONCURRENTLY blocks writes to the table, and reads that use the index, while it "
                + "rebuilds";
    }

    @Override
    public String why() {
        return "REINDEX INDEX and REINDEX TABLE take SHARE on the table (no INSERT, UPDATE or DELETE) and ACCESS "
                + "EXCLUSIVE on each index they rebuild (no query can use it) for as long as the rebuild takes; "
                + "REINDEX SCHEMA and DATABASE do that to every table in turn. Since PostgreSQL 12, REINDEX "
                + "CONCURRENTLY rebuilds under SHARE UPDATE EXCLUSIVE and lets reads and writes go on. Before 12, "
                + "build a new index CONCURRENTLY and swap it for the old one.";
    }

    @Override
    public String instead() {
        return "REINDEX INDEX CONCURRENTLY accounts_email;  -- PostgreSQL 12+, runs outside a transaction";
    }

    @Override
    public String example() {
        return "REINDEX INDEX accounts_email;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.REINDEX, StatementKind.REINDEX_DATABASE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            boolean plain = s.kind() == StatementKind.REINDEX || s.kind() == StatementKind.REINDEX_DATABASE;
            if (!plain || s.hasSequence("SYSTEM")) {
                continue;
            }
            String fix = script.pgVersion() >= 12 ? concurrently(s)
                    : "before PostgreSQL 12: CREATE INDEX CONCURRENTLY a copy of the index, DROP INDEX CONCURRENTLY the "
                            + "old one, then rename the copy";
            findings.add(s, "REINDEX without CONCURRENTLY blocks writes, and reads that use the index, until the "
                    + "rebuild is done", "rebuilds the index", fix);
        }
    }

    /** The statement with CONCURRENTLY after INDEX, TABLE, SCHEMA or DATABASE. */
    private static String concurrently(LintStatement s) {
        String sql = s.sql();
        for (String word : new String[] {"INDEX", "TABLE", "SCHEMA", "DATABASE"}) {
            int at = s.indexOf(word, 1);
            if (at > 0) {
                int offset = s.tok(at).offset() + word.length();
                return sql.substring(0, offset) + " CONCURRENTLY" + sql.substring(offset) + ";";
            }
        }
        return "REINDEX ... CONCURRENTLY";
    }
}
