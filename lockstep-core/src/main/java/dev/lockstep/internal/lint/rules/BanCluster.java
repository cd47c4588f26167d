package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class BanCluster extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "CLUSTER rewrites the table in index order under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "CLUSTER copies the whole table sorted by an index and rebuilds every index while holding ACCESS "
                + "EXCLUSIVE: no reads, no writes until it is done. Without a table name it re-clusters every "
                + "clustered table. pg_repack can reorder a table online (its --order-by option), outside the "
                + "migration.";
    }

    @Override
    public String instead() {
        return "-- reorder online with pg_repack --order-by, outside migrations; in a migration, at most mark the "
                + "index:\nALTER TABLE events CLUSTER ON events_created_at;  -- catalog only";
    }

    @Override
    public String example() {
        return "CLUSTER events USING events_created_at;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.CLUSTER, StatementKind.CLUSTER_ALL);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            boolean cluster = s.kind() == StatementKind.CLUSTER || s.kind() == StatementKind.CLUSTER_ALL;
            if (cluster && !script.createdBefore(s, s.table())) {
                findings.add(s, "CLUSTER rewrites " + (s.table() == null ? "every clustered table" : s.tables().get(0))
                        + " while no query can read or write it", "rewrites the table",
                        "pg_repack --order-by to reorder the table online, outside the migration");
            }
        }
    }
}
