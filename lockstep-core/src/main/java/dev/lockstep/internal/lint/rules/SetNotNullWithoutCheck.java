package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.List;
import java.util.Set;

public final class SetNotNullWithoutCheck extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a validated constraint proves it";
    }

    @Override
    public String why() {
        return "PostgreSQL checks every row while holding ACCESS EXCLUSIVE. Since PostgreSQL 12 it skips the scan when "
                + "a valid CHECK (column IS NOT NULL) constraint already proves it; that constraint can be added "
                + "NOT VALID and validated under a weaker lock first. On PostgreSQL 18 a NOT NULL constraint itself "
                + "can be added NOT VALID and validated the same way. A file that validates such a constraint before "
                + "the SET NOT NULL, or drops the proving constraint after it (the last step of the pattern, its "
                + "VALIDATE done in an earlier migration), is not reported.";
    }

    @Override
    public String instead() {
        return "ALTER TABLE accounts ADD CONSTRAINT accounts_plan_not_null CHECK (plan IS NOT NULL) NOT VALID;\n"
                + "ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_not_null;  -- in a later migration\n"
                + "ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;               -- instant now\n"
                + "ALTER TABLE accounts DROP CONSTRAINT accounts_plan_not_null;";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return ALTER_TABLE;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (AlterActions.Found f : AlterActions.onExistingTables(script, AlterAction.Kind.SET_NOT_NULL)) {
            if (script.pgVersion() >= 12 && (provenBefore(script, f.statement()) || proofDroppedAfter(script, f.statement()))) {
                continue;
            }
            String table = f.statement().tables().get(0);
            String column = column(f.action());
            String name = bare(table) + "_" + bare(column) + "_not_null";
            String fix;
            if (script.pgVersion() >= 18) {
                fix = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " NOT NULL " + column + " NOT VALID; then, in "
                        + "the next migration, ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name
                        + " (SHARE UPDATE EXCLUSIVE, reads and writes go on), which makes the column NOT NULL";
            } else if (script.pgVersion() >= 12) {
                fix = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + column + " IS NOT NULL) NOT VALID; "
                        + "then, in the next migration, ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name
                        + "; then SET NOT NULL (no scan now) and DROP CONSTRAINT " + name;
            } else {
                fix = "before PostgreSQL 12 no constraint spares the scan: run it when the table is quiet, or keep the "
                        + "column nullable with a validated CHECK (column IS NOT NULL) instead";
            }
            findings.add(f.statement(), "SET NOT NULL scans all of " + table + " under ACCESS EXCLUSIVE",
                    "scans the table", fix);
        }
    }

    /** The column of {@code ALTER [COLUMN] c SET NOT NULL}, as written. */
    private static String column(AlterAction a) {
        List<Tok> t = a.tokens();
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).is("SET")) {
                return t.get(i - 1).text();
            }
        }
        return "<column>";
    }

    /** The name without schema or quotes, to build a constraint name from. */
    private static String bare(String name) {
        return name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
    }

    /** An earlier statement of the script validated (or added, checked) a constraint on the same table. */
    private static boolean provenBefore(ScriptContext script, LintStatement s) {
        for (LintStatement e : script.statements()) {
            if (e == s) {
                return false;
            }
            boolean sameTable = s.table() != null && s.table().equals(e.table());
            if (sameTable && provesNotNull(e)) {
                return true;
            }
        }
        return false;
    }

    /** A validated check (or a check added without NOT VALID) that can prove a column has no nulls. */
    private static boolean provesNotNull(LintStatement e) {
        for (AlterAction a : e.alterActions()) {
            if (a.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT
                    || (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && a.has("NULL") && !a.skipsValidation())) {
                return true;
            }
        }
        return false;
    }

    /** The statement itself, or a later one, drops a constraint of the table: the CHECK that proved the column. */
    private static boolean proofDroppedAfter(ScriptContext script, LintStatement s) {
        for (LintStatement e : script.statements().subList(s.index(), script.statements().size())) {
            boolean sameTable = s.table() != null && s.table().equals(e.table());
            if (sameTable && AlterActions.any(e, AlterAction.Kind.DROP_CONSTRAINT)) {
                return true;
            }
        }
        return false;
    }
}
