package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.TokenType;
import dev.lockstep.lint.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public final class ColumnAssignedTwice extends Rule {
    private static final Set<String> SET_LIST_ENDS = Set.of("FROM", "WHERE", "RETURNING", "WHEN");

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The same column is assigned twice in one statement: UPDATE ... SET, ON CONFLICT DO UPDATE SET, "
                + "MERGE, or an INSERT column list";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses the statement (\"multiple assignments to same column\", \"column specified more "
                + "than once\"): the migration fails where it runs. Usually one of the two was meant for another "
                + "column. Different elements or fields of one column, as in SET a[1] = 0, a[2] = 0, are allowed and "
                + "not reported; the whole column and a part of it (SET a = ROW(1, 2), a.x = 1) are not.";
    }

    @Override
    public boolean checksDownScripts() {
        return true;
    }

    @Override
    public String instead() {
        return "UPDATE accounts SET plan = 'free', plan_changed_at = now() WHERE plan IS NULL;";
    }

    @Override
    public String example() {
        return "UPDATE accounts SET plan = 'free', plan = 'basic' WHERE plan IS NULL;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.INSERT, StatementKind.UPDATE, StatementKind.MERGE);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            boolean dml = s.kind() == StatementKind.UPDATE || s.kind() == StatementKind.INSERT
                    || s.kind() == StatementKind.MERGE;
            String twice = dml ? assignedTwice(s) : null;
            if (twice != null) {
                findings.add(s, "column " + twice + " is assigned twice: PostgreSQL refuses the statement", "",
                        "assign " + twice + " once");
            }
        }
    }

    private static String assignedTwice(LintStatement s) {
        for (int at = s.indexOf("SET", 1); at >= 0; at = s.indexOf("SET", at + 1)) {
            if (s.is(at - 1, "UPDATE") || (s.tok(at - 1) != null && s.tok(at - 1).type() != TokenType.WORD)
                    || s.is(at - 1, "DO") || isTableName(s, at)) {
                String twice = inSetList(s, at + 1);
                if (twice != null) {
                    return twice;
                }
            }
        }
        if (s.kind() == StatementKind.INSERT || s.kind() == StatementKind.MERGE) {
            for (int at = s.indexOf("INSERT", 0); at >= 0; at = s.indexOf("INSERT", at + 1)) {
                int open = s.is(at + 1, "INTO") ? nextParen(s, at + 2) : at + 1;
                if (open >= 0 && s.tok(open) != null && s.tok(open).isPunct("(")) {
                    String twice = inColumnList(s, open);
                    if (twice != null) {
                        return twice;
                    }
                }
            }
        }
        return null;
    }

    /** {@code UPDATE t SET}: SET follows the (possibly aliased) table name. */
    private static boolean isTableName(LintStatement s, int set) {
        int update = s.indexOf("UPDATE", 0);
        return update >= 0 && update < set && set - update <= 6;
    }

    /** The parenthesis that opens the column list after a table name (and alias), or -1. */
    private static int nextParen(LintStatement s, int from) {
        for (int i = from; i < Math.min(s.size(), from + 6); i++) {
            Tok t = s.tok(i);
            if (t.isPunct("(")) {
                return i;
            }
            if (t.is("VALUES") || t.is("SELECT") || t.is("DEFAULT") || t.is("OVERRIDING")) {
                return -1;
            }
        }
        return -1;
    }

    private static String inColumnList(LintStatement s, int open) {
        Set<String> seen = new HashSet<>();
        for (int i = open + 1; i < s.closing(open); i++) {
            Tok t = s.tok(i);
            if (isName(t) && !seen.add(t.identifier())) {
                return t.identifier();
            }
        }
        return null;
    }

    /** The first column assigned twice in the SET list starting at {@code from}; null when none. */
    private static String inSetList(LintStatement s, int from) {
        int end = from;
        int depth = 0;
        while (end < s.size()) {
            Tok t = s.tok(end);
            if (t.isPunct("(")) {
                depth++;
            } else if (t.isPunct(")")) {
                if (--depth < 0) {
                    break;
                }
            } else if (depth == 0 && t.type() == TokenType.WORD && SET_LIST_ENDS.contains(t.upper())) {
                break;
            }
            end++;
        }
        Set<String> whole = new HashSet<>();
        Set<String> parts = new HashSet<>();
        for (List<Tok> item : s.splitTopLevel(from, end)) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.get(0).isPunct("(")) {
                for (int i = 1; i < item.size() && !item.get(i).isPunct(")"); i++) {
                    if (isName(item.get(i)) && (parts.contains(item.get(i).identifier())
                            || !whole.add(item.get(i).identifier()))) {
                        return item.get(i).identifier();
                    }
                }
            } else if (isName(item.get(0)) && item.size() > 1) {
                String column = item.get(0).identifier();
                boolean assignsWhole = item.get(1).isPunct("=");
                if (whole.contains(column) || (assignsWhole && parts.contains(column))) {
                    return column;
                }
                (assignsWhole ? whole : parts).add(column);
            }
        }
        return null;
    }

    private static boolean isName(Tok t) {
        return t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER;
    }
}
