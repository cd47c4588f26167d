package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reported by the linter itself when a file cannot be split into statements; and by this rule when a
 * statement does not begin with a command PostgreSQL has (a typo such as {@code CREAT INDEX}), which would
 * fail when it runs, possibly half-way through a script that runs statement by statement.
 */
public final class SyntaxError extends Rule {
    /**
     * The first words of the commands that the classifier does not name (those are {@link StatementKind#OTHER}),
     * and {@code (} of a query in parentheses. Every other first word is a command with a kind of its own.
     */
    private static final Set<String> OTHER_COMMANDS = Set.of("PREPARE", "EXECUTE", "DEALLOCATE", "CHECKPOINT",
            "LOAD", "DECLARE", "FETCH", "MOVE", "CLOSE", "LISTEN", "NOTIFY", "UNLISTEN", "DISCARD", "SECURITY",
            "REASSIGN", "IMPORT", "(");
    /** Every command's first word, for "did you mean". */
    private static final List<String> COMMANDS = List.of("ABORT", "ALTER", "ANALYZE", "BEGIN", "CALL", "CHECKPOINT",
            "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DISCARD",
            "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK",
            "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE",
            "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN",
            "UPDATE", "VACUUM", "VALUES", "WITH");

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The file cannot be read as SQL: an unterminated string, quote, comment or dollar quote, or a statement "
                + "that does not begin with an SQL command";
    }

    @Override
    public String why() {
        return "Lockstep checks every pending script before running any; a script it cannot split would fail anyway, "
                + "possibly after earlier migrations of the run were applied.";
    }

    @Override
    public String instead() {
        return "Close the construct the finding points at (its line and column are where it starts), or correct the "
                + "command's spelling.";
    }

    @Override
    public String example() {
        return "SELECT 'unterminated;";
    }

    /** The command one typo away from {@code word} (a letter missing, extra, wrong or swapped); null when none is. */
    static String oneTypoFrom(String word) {
        for (String command : COMMANDS) {
            if (oneTypoApart(word, command)) {
                return command;
            }
        }
        return null;
    }

    private static boolean oneTypoApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            // one letter wrong, or two neighbours swapped
            return a.substring(i + 1).equals(b.substring(i + 1)) || (i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i) && a.substring(i + 2).equals(b.substring(i + 2)));
        }
        return a.length() < b.length() ? a.substring(i).equals(b.substring(i + 1)) : a.substring(i + 1).equals(b.substring(i));
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.OTHER);
    }

    /** An unterminated construct is found while splitting, before any rule runs; an unknown command here. */
    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            List<String> words = s.statement().words();
            if (s.kind() != StatementKind.OTHER || words.isEmpty()) {
                continue;
            }
            String first = words.get(0).toUpperCase(Locale.ROOT);
            if (!OTHER_COMMANDS.contains(first)) {
                String closest = oneTypoFrom(first);
                findings.add(s, words.get(0) + " is not an SQL command: PostgreSQL would refuse the statement when it "
                        + "runs", "", closest != null ? "did you mean " + closest + "?"
                        : "correct the statement (a psql meta-command such as \\i cannot run here)");
            }
        }
    }
}
