package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanVacuumFull extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "VACUUM FULL copies the whole table and rebuilds its indexes while holding ACCESS EXCLUSIVE: no reads, "
                + "no writes until it is done, and it needs room for a second copy. Without a table name it does "
                + "that to every table of the database. Plain VACUUM reclaims space for reuse without blocking; to "
                + "shrink a table online, use pg_repack or pg_squeeze, outside the migration.";
    }

    @Override
    public String instead() {
        return "VACUUM (ANALYZE) events;  -- or shrink it online with pg_repack / pg_squeeze, outside migrations";
    }

    @Override
    public String example() {
        return "VACUUM FULL events;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.VACUUM_FULL);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.VACUUM_FULL && !script.createdBefore(s, s.locks().isEmpty() ? null
                    : Names.normalize(s.locks().get(0).object()))) {
                findings.add(s, "VACUUM FULL rewrites " + (s.locks().isEmpty() ? "the table" : s.locks().get(0).object())
                        + " while no query can read or write it", "rewrites the table",
                        "plain VACUUM, or pg_repack / pg_squeeze to shrink the table online");
            }
        }
    }
}
