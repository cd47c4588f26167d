package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.ColumnDef;
import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.LockLevel;

/**
 * Whether a statement that runs while a strong lock on {@code table} is held keeps that lock for long:
 * because its own work grows with a table (a scan, a rewrite, an index build, DML, code whose cost is
 * unknown), or because it must lock another table that existed before the script (and may wait for it,
 * with the first table blocked all along). Catalog-only changes to the same table take microseconds.
 */
final class WorkAfterLock {
    private WorkAfterLock() {
    }

    /** Why {@code s} keeps the lock on {@code table} held for long, or null when it does not. */
    static String reason(ScriptContext script, LintStatement s, String table) {
        for (HeldLock l : s.locks()) {
            String object = Names.normalize(l.object());
            if (!object.equals(table) && l.mode().compareTo(LockLevel.ACCESS_SHARE) > 0
                    && !script.createdBefore(s, object)) {
                return "it locks " + l.object() + " too (" + l.mode().sqlName() + ")";
            }
        }
        boolean onNewTable = s.table() != null && script.createdBefore(s, s.table());
        switch (s.kind()) {
            case SET, COMMENT, GRANT, CREATE_FUNCTION, CREATE_PROCEDURE, CREATE_TYPE, ALTER_TYPE, ALTER_TYPE_ADD_VALUE,
                 CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_VIEW, CREATE_OTHER, ALTER_OTHER, DROP_OTHER, CREATE_TABLE,
                 CREATE_TRIGGER, DROP_TRIGGER, CREATE_POLICY, ALTER_POLICY, DROP_POLICY, ALTER_TABLE_TRIGGER,
                 ALTER_TABLE_SET_STATISTICS, DROP_INDEX, DROP_TABLE, TRUNCATE, TRANSACTION_CONTROL -> {
                return null;
            }
            case INSERT -> {
                return s.indexOf("SELECT", 1) < 0 || onNewTable ? null : "INSERT ... SELECT copies rows";
            }
            case UPDATE, DELETE, MERGE, COPY, COPY_FROM_STDIN -> {
                return onNewTable ? null : "it writes rows";
            }
            case SELECT -> {
                return s.indexOf("FROM", 1) < 0 && s.indexOf("PG_SLEEP", 1) < 0 ? null : "it runs a query";
            }
            case CREATE_INDEX -> {
                return onNewTable ? null : "it builds an index";
            }
            case ALTER_TABLE, ALTER_TABLE_VALIDATE_CONSTRAINT, ALTER_TABLE_ADD_FOREIGN_KEY, ALTER_TABLE_ATTACH_PARTITION -> {
                return onNewTable ? null : alterTable(script, s);
            }
            default -> {
                return onNewTable ? null : "'" + s.firstLine() + "' does work whose length depends on the data";
            }
        }
    }

    private static String alterTable(ScriptContext script, LintStatement s) {
        for (AlterAction a : s.alterActions()) {
            switch (a.kind()) {
                case ALTER_COLUMN_TYPE:
                    return "it changes a column's type";
                case SET_NOT_NULL:
                    return "SET NOT NULL scans the table";
                case VALIDATE_CONSTRAINT:
                    break; // validate-in-same-transaction reports it
                case ATTACH_PARTITION:
                    return "ATTACH PARTITION scans the partition";
                case ADD_CONSTRAINT:
                    if (!a.skipsValidation()) {
                        return "the new constraint is checked against every row";
                    }
                    break;
                case ADD_COLUMN:
                    ColumnDef c = a.column();
                    if (c != null && (c.serial() || c.identity() || c.primaryKey() || c.unique() || c.check()
                            || (c.references() && c.hasNonNullDefault()) || c.storedGenerated(script.pgVersion())
                            || (c.hasNonNullDefault() && (script.pgVersion() < 11
                            || Volatility.volatileCall(c.defaultExpr()) != null)))) {
                        return "adding column " + c.name() + " rewrites or scans the table";
                    }
                    break;
                case OTHER:
                    if (a.hasSequence("SET", "TABLESPACE") || a.hasSequence("SET", "LOGGED")
                            || a.hasSequence("SET", "UNLOGGED") || a.hasSequence("SET", "ACCESS")) {
                        return "it rewrites the table";
                    }
                    break;
                default:
                    break;
            }
        }
        return null;
    }
}
