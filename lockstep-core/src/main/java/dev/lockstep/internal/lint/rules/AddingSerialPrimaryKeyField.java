package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class AddingSerialPrimaryKeyField extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Adding a serial, identity or primary-key column to an existing table rewrites it (and builds an index) "
                + "under ACCESS EXCLUSIVE";
    }

    @Override
    public String why() {
        return "A serial or identity column fills every existing row from a sequence (a table rewrite), and PRIMARY KEY "
                + "builds its unique index while holding ACCESS EXCLUSIVE: no reads or writes until both are done.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE events ADD COLUMN id bigint;\n-- backfill in batches, then:\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);\n"
                + "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;";
    }

    @Override
    public String example() {
        return "ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var c = f.action().column();
            if (c != null && (c.primaryKey() || c.serial() || c.identity())) {
                String what = c.primaryKey() ? "primary key " : c.identity() ? "identity " : "serial ";
                findings.add(f.statement(), "adding " + what + "column "
                        + c.name() + " rewrites " + f.statement().tables().get(0) + " and holds ACCESS EXCLUSIVE "
                        + "while it builds", "rewrites the table",
                        "add a plain bigint column, backfill, CREATE UNIQUE INDEX CONCURRENTLY, then "
                                + "ADD CONSTRAINT ... PRIMARY KEY USING INDEX");
            }
        }
    }
}
