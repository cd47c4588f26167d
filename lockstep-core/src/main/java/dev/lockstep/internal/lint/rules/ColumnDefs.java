package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.ColumnDef;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every column a script defines, in CREATE TABLE or ADD COLUMN, with whether it is (part of) the primary key. */
final class ColumnDefs {
    record Found(LintStatement statement, ColumnDef column, boolean primaryKey) {
    }

    private static final Set<String> TABLE_CONSTRAINTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN",
            "EXCLUDE", "LIKE");

    private ColumnDefs() {
    }

    /** The column definitions of the script, computed once and shared by the rules that need them. */
    static List<Found> of(ScriptContext script) {
        return script.derived(FOUND);
    }

    private static final ScriptContext.Derived<List<Found>> FOUND = new ScriptContext.Derived<>() {
        @Override
        protected List<Found> compute(ScriptContext script) {
            return collect(script);
        }
    };

    private static List<Found> collect(ScriptContext script) {
        List<Found> out = new ArrayList<>();
        for (LintStatement s : script.statements()) {
            if (s.kind() == StatementKind.CREATE_TABLE) {
                int open = -1;
                for (int i = 0; i < s.size(); i++) {
                    if (s.tok(i).isPunct("(")) {
                        open = i;
                        break;
                    }
                }
                if (open < 0) {
                    continue;
                }
                List<List<Tok>> elements = s.splitTopLevel(open + 1, s.closing(open));
                Set<String> pk = new HashSet<>();
                for (List<Tok> e : elements) {
                    if (!e.isEmpty() && TABLE_CONSTRAINTS.contains(e.get(0).upper())) {
                        int p = indexOf(e, "PRIMARY");
                        if (p >= 0) {
                            for (Tok t : e.subList(p, e.size())) {
                                if (t.type() == dev.lockstep.internal.sql.TokenType.WORD
                                        || t.type() == dev.lockstep.internal.sql.TokenType.QUOTED_IDENTIFIER) {
                                    pk.add(t.identifier());
                                }
                            }
                        }
                    }
                }
                for (List<Tok> e : elements) {
                    if (!e.isEmpty() && !TABLE_CONSTRAINTS.contains(e.get(0).upper())) {
                        ColumnDef c = ColumnDef.parse(e);
                        if (c != null) {
                            out.add(new Found(s, c, c.primaryKey() || pk.contains(c.name())));
                        }
                    }
                }
            } else {
                for (AlterAction a : s.alterActions()) {
                    if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.column() != null) {
                        out.add(new Found(s, a.column(), a.column().primaryKey()));
                    } else if (a.kind() == AlterAction.Kind.ALTER_COLUMN_TYPE) {
                        int type = indexOf(a.tokens(), "TYPE");
                        if (type >= 0) {
                            List<Tok> def = new ArrayList<>();
                            def.add(a.tokens().get(a.tokens().get(1).is("COLUMN") ? 2 : 1));
                            def.addAll(a.tokens().subList(type + 1, a.tokens().size()));
                            out.add(new Found(s, ColumnDef.parse(def), false));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static int indexOf(List<Tok> tokens, String keyword) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }
}
