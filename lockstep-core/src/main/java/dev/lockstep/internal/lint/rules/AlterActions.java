package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.AlterAction;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.ScriptContext;
import java.util.ArrayList;
import java.util.List;

/** The ALTER TABLE actions of a script on tables that existed before it: where locks hurt. */
final class AlterActions {
    record Found(LintStatement statement, AlterAction action) {
    }

    private AlterActions() {
    }

    static List<Found> onExistingTables(ScriptContext script, AlterAction.Kind kind) {
        List<Found> out = new ArrayList<>();
        for (LintStatement s : script.statements()) {
            if (s.alterActions().isEmpty() || script.createdBefore(s, s.table())) {
                continue;
            }
            for (AlterAction a : s.alterActions()) {
                if (a.kind() == kind) {
                    out.add(new Found(s, a));
                }
            }
        }
        return out;
    }

    /** Whether the statement has an action of this kind. */
    static boolean any(LintStatement s, AlterAction.Kind kind) {
        for (AlterAction a : s.alterActions()) {
            if (a.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** The statement's SQL without trailing space, to append to. */
    static String statementText(LintStatement s) {
        return s.sql().strip();
    }

    static String text(List<dev.lockstep.internal.lint.Tok> tokens) {
        StringBuilder sb = new StringBuilder();
        for (var t : tokens) {
            if (sb.length() > 0 && !t.isPunct(")") && !t.isPunct(",") && !sb.toString().endsWith("(")) {
                sb.append(' ');
            }
            sb.append(t.text());
        }
        return sb.toString();
    }
}
