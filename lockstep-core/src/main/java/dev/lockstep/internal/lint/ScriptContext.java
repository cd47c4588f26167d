package dev.lockstep.internal.lint;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One script as the rules see it: its statements, whether they run in one transaction, the
 * PostgreSQL version they target, and which tables the script itself created (work on a table
 * created a moment ago in the same script locks nobody out).
 */
public final class ScriptContext {
    private final String path;
    private final List<LintStatement> statements;
    private final boolean transactional;
    private final int pgVersion;
    private final java.time.Duration lockTimeoutDirective;

    public ScriptContext(String path, List<LintStatement> statements, boolean transactional, int pgVersion,
                         java.time.Duration lockTimeoutDirective) {
        this.path = path;
        this.statements = statements;
        this.transactional = transactional;
        this.pgVersion = pgVersion;
        this.lockTimeoutDirective = lockTimeoutDirective;
    }

    /** The script's {@code -- lockstep:lock-timeout}, or null. */
    public java.time.Duration lockTimeoutDirective() {
        return lockTimeoutDirective;
    }

    public String path() {
        return path;
    }

    public List<LintStatement> statements() {
        return statements;
    }

    /** Whether all statements run in one transaction. */
    public boolean transactional() {
        return transactional;
    }

    public int pgVersion() {
        return pgVersion;
    }

    /** Whether {@code table} was created by a statement of this script before {@code s}. */
    public boolean createdBefore(LintStatement s, String table) {
        if (table == null) {
            return false;
        }
        Set<String> created = new HashSet<>();
        for (LintStatement earlier : statements) {
            if (earlier == s) {
                break;
            }
            if (earlier.kind() == dev.lockstep.internal.sql.StatementKind.CREATE_TABLE
                    || earlier.kind() == dev.lockstep.internal.sql.StatementKind.CREATE_TABLE_AS) {
                earlier.tables().forEach(t -> created.add(Names.normalize(t)));
            }
        }
        return created.contains(Names.normalize(table));
    }

    /** The statements after {@code s} that run in the same transaction as it (none when not transactional). */
    public List<LintStatement> after(LintStatement s) {
        if (!transactional) {
            return List.of();
        }
        int i = statements.indexOf(s);
        return statements.subList(i + 1, statements.size());
    }
}
