package dev.lockstep.internal.lint;

import java.util.ArrayList;
import java.util.List;

/** One action of an {@code ALTER TABLE}: what it does and its tokens. */
public record AlterAction(Kind kind, List<Tok> tokens, ColumnDef column) {

    public enum Kind {
        ADD_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, ADD_CONSTRAINT,
        VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT, ATTACH_PARTITION,
        DETACH_PARTITION, OTHER
    }

    /** The actions of an ALTER TABLE statement; empty for any other statement. Use {@link LintStatement#alterActions()}. */
    static List<AlterAction> of(LintStatement s) {
        List<AlterAction> actions = new ArrayList<>();
        if (!(s.is(0, "ALTER") && s.is(1, "TABLE"))) {
            return actions;
        }
        int i = 2;
        if (s.is(i, "IF") && s.is(i + 1, "EXISTS")) {
            i += 2;
        }
        if (s.is(i, "ONLY")) {
            i++;
        }
        i++;
        while (s.tok(i) != null && s.tok(i).isPunct(".")) {
            i += 2;
        }
        if (s.tok(i) != null && s.tok(i).isPunct("*")) {
            i++;
        }
        for (List<Tok> part : s.splitTopLevel(i, s.size())) {
            actions.add(classify(part));
        }
        return actions;
    }

    private static AlterAction classify(List<Tok> t) {
        String a = word(t, 0);
        String b = word(t, 1);
        switch (a) {
            case "ADD": {
                int at = b.equals("COLUMN") ? 2 : 1;
                String next = word(t, at);
                boolean constraint = !b.equals("COLUMN") && (next.equals("CONSTRAINT") || next.equals("CHECK")
                        || next.equals("UNIQUE") || next.equals("PRIMARY") || next.equals("FOREIGN")
                        || next.equals("EXCLUDE") || (next.equals("NOT") && word(t, at + 1).equals("NULL")));
                if (constraint) {
                    return new AlterAction(Kind.ADD_CONSTRAINT, t, null);
                }
                if (word(t, at).equals("IF") && word(t, at + 1).equals("NOT") && word(t, at + 2).equals("EXISTS")) {
                    at += 3;
                }
                return new AlterAction(Kind.ADD_COLUMN, t, ColumnDef.parse(t.subList(Math.min(at, t.size()), t.size())));
            }
            case "DROP":
                if (b.equals("CONSTRAINT")) {
                    return new AlterAction(Kind.DROP_CONSTRAINT, t, null);
                }
                return new AlterAction(Kind.DROP_COLUMN, t, null);
            case "ALTER": {
                int at = b.equals("COLUMN") ? 3 : 2;
                String verb = word(t, at);
                String verb2 = word(t, at + 1);
                if (verb.equals("TYPE") || (verb.equals("SET") && verb2.equals("DATA"))) {
                    return new AlterAction(Kind.ALTER_COLUMN_TYPE, t, null);
                }
                if (verb.equals("SET") && verb2.equals("NOT")) {
                    return new AlterAction(Kind.SET_NOT_NULL, t, null);
                }
                if (verb.equals("DROP") && verb2.equals("NOT")) {
                    return new AlterAction(Kind.DROP_NOT_NULL, t, null);
                }
                if (verb.equals("SET") && verb2.equals("DEFAULT")) {
                    return new AlterAction(Kind.SET_DEFAULT, t, null);
                }
                return new AlterAction(Kind.OTHER, t, null);
            }
            case "ATTACH":
                return new AlterAction(Kind.ATTACH_PARTITION, t, null);
            case "DETACH":
                return new AlterAction(Kind.DETACH_PARTITION, t, null);
            case "VALIDATE":
                return new AlterAction(Kind.VALIDATE_CONSTRAINT, t, null);
            case "RENAME":
                if (b.equals("TO")) {
                    return new AlterAction(Kind.RENAME_TABLE, t, null);
                }
                return new AlterAction(b.equals("CONSTRAINT") ? Kind.RENAME_CONSTRAINT : Kind.RENAME_COLUMN, t, null);
            default:
                return new AlterAction(Kind.OTHER, t, null);
        }
    }

    private static String word(List<Tok> t, int i) {
        return i < t.size() && t.get(i).type() == dev.lockstep.internal.sql.TokenType.WORD ? t.get(i).upper() : "";
    }

    /** Whether the action adds a constraint without checking the existing rows ({@code NOT VALID}, {@code USING INDEX}). */
    public boolean skipsValidation() {
        return hasSequence("NOT", "VALID") || hasSequence("USING", "INDEX");
    }

    public boolean has(String keyword) {
        for (Tok x : tokens) {
            if (x.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasSequence(String first, String second) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is(first) && tokens.get(i + 1).is(second)) {
                return true;
            }
        }
        return false;
    }
}
