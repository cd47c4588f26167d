package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.ColumnDef;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

public final class AddingFieldWithDefault extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "ADD COLUMN with a volatile default, a stored generated value (or any default before PostgreSQL 11) "
                + "rewrites the table";
    }

    @Override
    public String why() {
        return "Since PostgreSQL 11 a constant or stable default is stored once and the ADD COLUMN is instant. A "
                + "volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), a function of your "
                + "own, written directly, inside an expression or a cast, or as the default of the column's domain) "
                + "must be computed for every row: the whole table is rewritten under ACCESS EXCLUSIVE, blocking "
                + "reads and writes. So is a STORED generated column (every generated column before PostgreSQL 18; "
                + "from 18 on a VIRTUAL one is computed when read and adds instantly). Before PostgreSQL 11 every "
                + "non-null default rewrites the table.";
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
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        Map<String, LintStatement> domains = domains(script);
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.ADD_COLUMN)) {
            ColumnDef column = f.action().column();
            if (column == null) {
                continue;
            }
            String table = f.statement().tables().get(0);
            String reason = reason(script, column, domains);
            if (reason == null) {
                continue;
            }
            String fix = column.storedGenerated(script.pgVersion()) && script.pgVersion() >= 18
                    ? virtual(f.statement()) + "  -- VIRTUAL: computed when read, added instantly (PostgreSQL 18)"
                    : "ALTER TABLE " + table + " ADD COLUMN " + column.name() + " " + AlterActions.text(column.type())
                            + "; then SET DEFAULT, then backfill in batches";
            findings.add(f.statement(), "adding column " + column.name() + " rewrites " + table + ": " + reason,
                    "rewrites the table", fix);
        }
    }

    /** The statement with its STORED generated column made VIRTUAL. */
    private static String virtual(LintStatement s) {
        int at = s.indexOf("STORED", 1);
        String sql = s.sql();
        if (at < 0) {
            return "... GENERATED ALWAYS AS (...) VIRTUAL";
        }
        int offset = s.tok(at).offset();
        return (sql.substring(0, offset) + "VIRTUAL" + sql.substring(offset + "STORED".length())).strip() + ";";
    }

    private static String reason(ScriptContext script, ColumnDef column, Map<String, LintStatement> domains) {
        if (column.storedGenerated(script.pgVersion())) {
            return "a stored generated column is computed and written for every row";
        }
        if (column.defaultExpr() == null && !column.generated()) {
            LintStatement domain = domains.get(Names.normalize(AlterActions.text(column.type())));
            return domain == null ? null : domainReason(script, domain, AlterActions.text(column.type()));
        }
        if (!column.hasNonNullDefault()) {
            return null;
        }
        String call = Volatility.volatileCall(column.defaultExpr());
        if (call != null) {
            return call + " is computed for every row";
        }
        return script.pgVersion() < 11 ? "before PostgreSQL 11 every default is written into every row" : null;
    }

    /** Why a column of a domain the script created rewrites the table: its default, or its constraints. */
    private static String domainReason(ScriptContext script, LintStatement domain, String name) {
        if (domain.hasSequence("CHECK") || domain.hasSequence("NOT", "NULL")) {
            return "domain " + name + " has constraints, so every row is rewritten with the default and checked";
        }
        int at = domain.indexOf("DEFAULT", 3);
        if (at < 0) {
            return null;
        }
        int end = at + 1;
        while (end < domain.size() && !domain.is(end, "CONSTRAINT") && !domain.is(end, "NULL")
                && !domain.is(end, "COLLATE")) {
            end = domain.tok(end).isPunct("(") ? domain.closing(end) + 1 : end + 1;
        }
        String call = Volatility.volatileCall(domain.tokens().subList(at + 1, Math.min(end, domain.size())));
        if (call != null) {
            return "the default of its domain " + name + " calls " + call + ", computed for every row";
        }
        return script.pgVersion() < 11 ? "the default of its domain " + name + " is written into every row before "
                + "PostgreSQL 11" : null;
    }

    /** Domains the script creates, by name: a column of that type gets their default and constraints. */
    private static Map<String, LintStatement> domains(ScriptContext script) {
        Map<String, LintStatement> out = new HashMap<>();
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.CREATE_TYPE && s.is(1, "DOMAIN")) {
                out.put(Names.normalize(s.nameAfter(1)), s);
            }
        }
        return out;
    }
}
