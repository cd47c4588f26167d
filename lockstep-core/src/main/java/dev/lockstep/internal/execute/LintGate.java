package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationVersion;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Linter;
import dev.lockstep.internal.lint.TypeChange;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Verdict;
import dev.lockstep.lint.Violation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The lint gate of {@code migrate} and {@code deploy}: lints the scripts a plan would run, judges each
 * error against the target database, and refuses to run any of them while one still blocks. A finding
 * about a table that does not exist before the run, or that the run creates before the statement,
 * never blocks (nobody can be waiting on it); one about a table below {@code lint-gate-min-rows} and
 * {@code lint-gate-min-size} is reported but does not block; nor does one in a migration at or below
 * {@code lint-start-after} (history written before Lockstep judged it).
 */
public final class LintGate {
    /** Rules whose finding does not depend on the table: the statement fails or loses data whatever it holds. */
    static final Set<String> NOT_ABOUT_THE_TABLE = Set.of("syntax-error", "transaction-nesting",
            "enum-value-used-in-same-transaction", "ban-concurrent-index-in-transaction", "ban-drop-database",
            "ban-truncate-cascade", "column-assigned-twice", "set-local-outside-transaction", "suppression-without-reason",
            "unused-suppression", "needs-newer-postgres");

    private final Linter linter;
    private final boolean allowUnsafe;
    private final long minRows;
    private final long minBytes;
    private final MigrationVersion startAfter;

    public LintGate(Linter linter, LockstepConfig config) {
        this.linter = linter;
        this.allowUnsafe = config.get(Setting.ALLOW_UNSAFE);
        this.minRows = config.get(Setting.LINT_GATE_MIN_ROWS);
        this.minBytes = config.get(Setting.LINT_GATE_MIN_SIZE);
        String after = config.get(Setting.LINT_START_AFTER);
        try {
            this.startAfter = after == null || after.isBlank() ? null : MigrationVersion.parse(after);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, "lint-start-after: " + e.getMessage(),
                    "give the version of the last migration written before Lockstep, e.g. lint-start-after = \"42\"");
        }
    }

    /**
     * Findings for what an item runs: a pending migration's up script and its down script (only what would
     * make the down script fail to run), a rollback's down script likewise.
     */
    public List<Violation> findings(PlanItem item) {
        if (item.action() == PlanItem.Action.ROLLBACK) {
            return linter.lintDown(item.migration());
        }
        return linter.lintPending(item.migration());
    }

    /**
     * The findings of step {@code step} of the run (a script whose statements are {@code statements}),
     * each with its verdict; unchanged when the run's tables were not looked up.
     *
     * @param version the migration's version, null for a repeatable one
     */
    public List<Violation> judge(String version, int step, Script script, List<SqlStatement> statements,
                                 List<Violation> findings, TablesInRun tables) {
        if (tables == TablesInRun.UNKNOWN) {
            return findings;
        }
        List<Violation> out = new ArrayList<>(findings.size());
        for (Violation v : findings) {
            out.add(v.withVerdict(verdict(v, version, step, script, statements, tables)));
        }
        return out;
    }

    private Verdict verdict(Violation v, String version, int step, Script script, List<SqlStatement> statements,
                            TablesInRun tables) {
        if (v.severity() != Severity.ERROR) {
            return Verdict.passes("a warning never blocks");
        }
        if (startAfter != null && version != null && MigrationVersion.parse(version).compareTo(startAfter) <= 0) {
            return Verdict.passes("migration " + version + " is not after lint-start-after = " + startAfter.text()
                    + " (history from before adoption)");
        }
        if (NOT_ABOUT_THE_TABLE.contains(v.rule())) {
            return Verdict.blocks(v.rule() + " does not depend on the table's size");
        }
        int at = statementAt(script, statements, v);
        if (at < 0 || statements.get(at).info().tables().isEmpty()) {
            return Verdict.blocks("no table to judge it by");
        }
        List<String> harmless = new ArrayList<>();
        for (String table : statements.get(at).info().tables()) {
            String isNew = tables.newness(step, at, table);
            if (isNew != null) {
                harmless.add(isNew);
                continue;
            }
            TableStats s = tables.stats(table);
            if (s == null) {
                return Verdict.blocks(table + " could not be looked up");
            }
            String noRewrite = v.rule().equals("changing-column-type")
                    ? noRewrite(statements.get(at), s, tables.altersBefore(step, at, table)) : null;
            if (noRewrite != null) {
                harmless.add(noRewrite);
                continue;
            }
            if (s.rows() >= minRows || s.bytes() >= minBytes) {
                return Verdict.blocks(table + " has " + s.describe() + " (lint-gate-min-rows " + minRows
                        + ", lint-gate-min-size " + TableStats.size(minBytes) + ")");
            }
            harmless.add(table + " is small (" + s.describe() + ")");
        }
        return Verdict.passes(String.join("; ", harmless));
    }

    /**
     * For a type change on an existing table: why it rewrites nothing, judged by each column's type in the
     * catalog ({@code v is character varying(128): character varying(1024) needs no rewrite}); null when
     * some change may rewrite, or when PostgreSQL would still scan the table or build an index for it (a
     * CHECK or foreign key on the column, an expression or partial index on the table).
     */
    private static String noRewrite(SqlStatement statement, TableStats table, List<SqlStatement> earlier) {
        List<String> why = new ArrayList<>();
        for (AlterAction a : new LintStatement(statement, statement.line(), 0, 0).alterActions()) {
            TypeChange change = TypeChange.of(a);
            if (change == null) {
                continue;
            }
            String old = typeBefore(change.column(), table.columns().get(change.column()), earlier);
            if (!change.rewritesNothing(old) || table.checked().contains(change.column())) {
                return null;
            }
            why.add(change.column() + " is " + old + ": " + change.type() + " needs no rewrite");
        }
        return why.isEmpty() ? null : String.join("; ", why) + " (the ACCESS EXCLUSIVE lock is brief)";
    }

    /**
     * The column's type when the statement runs: the catalog's, as changed by the run's earlier type changes
     * of it; null (unknown) once an earlier statement changed it to a type not followed here, or added,
     * dropped or renamed a column of the table.
     */
    private static String typeBefore(String column, String inCatalog, List<SqlStatement> earlier) {
        String type = inCatalog;
        for (SqlStatement s : earlier) {
            for (AlterAction a : new LintStatement(s, s.line(), 0, 0).alterActions()) {
                switch (a.kind()) {
                    case ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, RENAME_TABLE -> {
                        return null;
                    }
                    case ALTER_COLUMN_TYPE -> {
                        TypeChange c = TypeChange.of(a);
                        if (c == null || c.column().equals(column)) {
                            if (c == null || c.type() == null || c.usingOrCollate()) {
                                return null;
                            }
                            type = c.type();
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return type;
    }

    /** The statement a finding points at: the one starting at its line and column, else the last before it. */
    private static int statementAt(Script script, List<SqlStatement> statements, Violation v) {
        int found = -1;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            int line = script.fileLine(s.line());
            if (line == v.span().line() && s.column() == v.span().column()) {
                return i;
            }
            if (line <= v.span().line()) {
                found = i;
            }
        }
        return found;
    }

    /**
     * One migration's findings judged against the tables as the database on {@code c} has them (the
     * rehearsal's copy of real data, say), as if it were the only migration of a run.
     */
    public List<Violation> judgeOn(Connection c, PlanItem item, Duration lockTimeout) throws SQLException {
        var m = item.migration();
        PreparedScript script = new ScriptPreparer().prepare(m.up(), m.directives(), lockTimeout);
        List<TablesInRun.Step> steps = List.of(new TablesInRun.Step(MigrationExecutor.label(item),
                script.statements()));
        TablesInRun tables = TablesInRun.of(steps, TableStats.read(c, TablesInRun.names(steps)));
        return judge(m.version() == null ? null : m.version().text(), 0, script.script(), script.statements(),
                findings(item), tables);
    }

    /** The findings that stop a run. */
    public List<Violation> blocking(List<Violation> findings) {
        return blocking(findings, allowUnsafe);
    }

    /** The findings that stop a run: every error the gate did not let through, unless unsafe migrations are allowed. */
    public static List<Violation> blocking(List<Violation> findings, boolean allowUnsafe) {
        return allowUnsafe ? List.of() : findings.stream().filter(Violation::blocking).toList();
    }

    /** Throws, listing them, when any finding blocks; nothing has run yet. */
    public static void refuse(List<Violation> blocking) {
        if (blocking.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(blocking.size() + " lint error" + (blocking.size() == 1 ? "" : "s")
                + " in pending migrations; nothing was applied:");
        for (Violation v : blocking) {
            sb.append("\n  ").append(v.span()).append(": ").append(v.rule()).append(": ").append(v.message());
            if (v.verdict() != null) {
                sb.append("\n    blocks: ").append(v.verdict().reason());
            }
        }
        throw new LockstepException(ErrorCode.BLOCKED, sb.toString(), "fix them (lockstep lint shows what to write "
                + "instead), suppress one with -- lockstep:ignore <rule> <reason>, set lint-start-after to the last "
                + "migration written before Lockstep judged them, or pass --allow-unsafe");
    }
}
