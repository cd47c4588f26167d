package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.lint.Severity;
import java.util.List;
import java.util.Set;

public final class AddingFieldWithDefault extends Rule {
    /** Functions whose value is fixed for the statement: the default is computed once, no rewrite. */
    private static final Set<String> STABLE = Set.of("NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME", "TRANSACTION_TIMESTAMP", "STATEMENT_TIMESTAMP", "CURRENT_USER",
            "SESSION_USER", "CURRENT_SCHEMA", "ARRAY", "ROW", "TO_JSONB", "JSONB_BUILD_OBJECT", "MAKE_INTERVAL",
            "LOWER", "UPPER", "CONCAT", "COALESCE");

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD COLUMN with a volatile default (or any default before PostgreSQL 11) rewrites the table";
    }

    @Override
    public String why() {
        return "Since PostgreSQL 11 a constant or stable default is stored once and the ADD COLUMN is instant. A "
                + "volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval() ...) must be computed "
                + "for every row: the whole table is rewritten under ACCESS EXCLUSIVE, blocking reads and writes. "
                + "Before PostgreSQL 11 every default rewrites the table.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE accounts ADD COLUMN token uuid;                       -- instant\n"
                + "ALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid(); -- new rows\n"
                + "-- then backfill existing rows in batches, in a later migration";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();";
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            var column = f.action().column();
            if (column == null) {
                continue;
            }
            boolean storedGenerated = column.generated() && f.action().has("STORED");
            List<Tok> def = column.defaultExpr();
            if (def == null && !storedGenerated) {
                continue;
            }
            String volatileCall = storedGenerated ? "a stored generated column" : volatileCall(def);
            if (script.pgVersion() < 11 || volatileCall != null) {
                String reason = volatileCall != null ? volatileCall + " is computed for every row"
                        : "before PostgreSQL 11 every default is written into every row";
                findings.add(f.statement(), "adding column " + column.name() + " with a default rewrites "
                                + f.statement().tables().get(0) + ": " + reason, "rewrites the table",
                        "ALTER TABLE " + f.statement().tables().get(0) + " ADD COLUMN " + column.name() + " "
                                + AlterActions.text(column.type()) + "; then SET DEFAULT, then backfill in batches");
            }
        }
    }

    /** The first call of a function not known to be stable, e.g. {@code gen_random_uuid()}; null when none. */
    private static String volatileCall(List<Tok> def) {
        for (int i = 0; i + 1 < def.size(); i++) {
            Tok t = def.get(i);
            if (t.type() == dev.lockstep.internal.sql.TokenType.WORD && def.get(i + 1).isPunct("(")
                    && !STABLE.contains(t.upper())) {
                return t.text() + "()";
            }
        }
        return null;
    }
}
