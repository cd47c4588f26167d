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

public final class UpdateSetsColumnTwice extends Rule {
    private static final Set<String> SET_LIST_ENDS = Set.of("FROM", "WHERE", "RETURNING");

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "The same column is assigned twice in one UPDATE ... SET (or ON CONFLICT DO UPDATE SET)";
    }

    @Override
    public String why() {
        return "PostgreSQL refuses the statement with \"multiple assignments to same column\": the migration fails "
                + "where it runs. Usually one of the two assignments was meant for another column. (Different "
                + "elements or fields of one column, as in SET a[1] = 0, a[2] = 0, are allowed and not reported.)";
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
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() != StatementKind.UPDATE && s.kind() != StatementKind.INSERT) {
                continue;
            }
            for (int at = s.indexOf("UPDATE", 0); at >= 0; at = s.indexOf("UPDATE", at + 1)) {
                int set = s.indexOf("SET", at + 1);
                if (set < 0) {
                    break;
                }
                String twice = assignedTwice(s, set + 1);
                if (twice != null) {
                    findings.add(s, "column " + twice + " is assigned twice in one SET list: PostgreSQL refuses the "
                            + "statement", "", "assign " + twice + " once");
                    break;
                }
            }
        }
    }

    /** The first column assigned twice in the SET list starting at {@code from}; null when none. */
    private static String assignedTwice(LintStatement s, int from) {
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
        Set<String> seen = new HashSet<>();
        for (List<Tok> item : s.splitTopLevel(from, end)) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.get(0).isPunct("(")) {
                for (int i = 1; i < item.size() && !item.get(i).isPunct(")"); i++) {
                    if (isName(item.get(i)) && !seen.add(item.get(i).identifier())) {
                        return item.get(i).identifier();
                    }
                }
            } else if (isName(item.get(0)) && item.size() > 1 && item.get(1).isPunct("=")
                    && !seen.add(item.get(0).identifier())) {
                return item.get(0).identifier();
            }
        }
        return null;
    }

    private static boolean isName(Tok t) {
        return t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENTIFIER;
    }
}
