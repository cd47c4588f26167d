package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.ColumnDef;
import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;

public final class NeedsNewerPostgres extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "A statement written for a newer PostgreSQL than the one linted for is a syntax error there";
    }

    @Override
    public String why() {
        return "The safe forms other rules advise depend on the server: REINDEX ... CONCURRENTLY needs PostgreSQL 12, "
                + "DETACH PARTITION ... CONCURRENTLY (and FINALIZE) 14, ADD CONSTRAINT ... NOT NULL column (which can "
                + "be NOT VALID) 18, and a VIRTUAL generated column 18 (before 18 a generated column must say STORED). "
                + "On an older server the statement fails with a syntax error (42601) when the migration runs. The "
                + "linter assumes the server's version when a database is configured, else --pg-version or 15.";
    }

    @Override
    public String instead() {
        return "-- PostgreSQL 17: a generated column is STORED, and adding one rewrites the table\n"
                + "ALTER TABLE accounts ADD COLUMN total numeric;  -- then fill it from the application or a trigger";
    }

    @Override
    public String example() {
        return "ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) VIRTUAL;";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        int v = script.pgVersion();
        for (LintStatement s : script.statements()) {
            if (v < 12 && s.kind() == StatementKind.REINDEX_CONCURRENTLY) {
                report(findings, s, v, "REINDEX ... CONCURRENTLY", 12, "CREATE INDEX CONCURRENTLY a copy of the index, "
                        + "DROP INDEX CONCURRENTLY the old one, then rename the copy");
            }
            for (AlterAction a : s.alterActions()) {
                check(findings, s, a, v);
            }
        }
        if (v < 18) {
            for (ColumnDefs.Found f : ColumnDefs.of(script)) {
                if (f.statement().kind() == StatementKind.CREATE_TABLE) {
                    generated(findings, f.statement(), f.column(), v);
                }
            }
        }
    }

    private static void check(Findings findings, LintStatement s, AlterAction a, int v) {
        if (v < 14 && a.kind() == AlterAction.Kind.DETACH_PARTITION && (a.has("CONCURRENTLY") || a.has("FINALIZE"))) {
            report(findings, s, v, "DETACH PARTITION ... " + (a.has("FINALIZE") ? "FINALIZE" : "CONCURRENTLY"), 14,
                    "a plain DETACH PARTITION in a migration of its own (ACCESS EXCLUSIVE on the partitioned table, "
                            + "bounded by lock_timeout)");
        }
        if (v < 18 && a.kind() == AlterAction.Kind.ADD_CONSTRAINT && a.hasSequence("NOT", "NULL") && !a.has("CHECK")) {
            report(findings, s, v, "ADD CONSTRAINT ... NOT NULL column", 18, "ADD CONSTRAINT ... CHECK (column IS NOT "
                    + "NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL (no scan)");
        }
        if (v < 18 && a.kind() == AlterAction.Kind.ADD_COLUMN && a.column() != null) {
            generated(findings, s, a.column(), v);
        }
    }

    private static void generated(Findings findings, LintStatement s, ColumnDef c, int v) {
        if (!c.generated() || c.identity() || c.storage().equals("STORED")) {
            return;
        }
        report(findings, s, v, c.storage().equals("VIRTUAL") ? "a VIRTUAL generated column" : "a generated column "
                + "without STORED (VIRTUAL by default)", 18, "GENERATED ALWAYS AS (...) STORED, which is computed and "
                + "written for every row (adding one to an existing table rewrites it), or a plain column the "
                + "application fills");
    }

    private static void report(Findings findings, LintStatement s, int v, String what, int since, String fix) {
        findings.add(s, what + " needs PostgreSQL " + since + "; PostgreSQL " + v + " rejects the statement as a "
                + "syntax error", "", "on PostgreSQL " + v + ": " + fix);
    }
}
