package dev.lockstep.internal.lint;

import java.util.List;

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

    /** Each table the script creates, with the index of the statement that creates it first. */
    private final java.util.Map<String, Integer> createdAt = new java.util.HashMap<>();
    private final java.util.Map<Class<?>, Object> derived = new java.util.HashMap<>();

    public ScriptContext(String path, List<LintStatement> statements, boolean transactional, int pgVersion,
                         java.time.Duration lockTimeoutDirective) {
        this.path = path;
        this.statements = statements;
        this.transactional = transactional;
        this.pgVersion = pgVersion;
        this.lockTimeoutDirective = lockTimeoutDirective;
        for (LintStatement s : statements) {
            if (s.kind() == dev.lockstep.internal.sql.StatementKind.CREATE_TABLE
                    || s.kind() == dev.lockstep.internal.sql.StatementKind.CREATE_TABLE_AS) {
                s.tables().forEach(t -> createdAt.putIfAbsent(Names.normalize(t), s.index()));
            }
        }
    }

    /**
     * Something several rules derive from the whole script (its column definitions, say), computed
     * once per script and shared.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Class<T> key, java.util.function.Function<ScriptContext, T> compute) {
        return (T) derived.computeIfAbsent(key, k -> compute.apply(this));
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
        Integer at = createdAt.get(Names.normalize(table));
        return at != null && at < s.index();
    }

    /** The statements after {@code s} that run in the same transaction as it (none when not transactional). */
    public List<LintStatement> after(LintStatement s) {
        if (!transactional) {
            return List.of();
        }
        return statements.subList(s.index() + 1, statements.size());
    }
}
