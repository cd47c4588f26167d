package dev.lockstep.internal.lint;

import java.util.List;
import java.util.Set;

/**
 * A column definition, from {@code CREATE TABLE} or {@code ADD COLUMN}: its name, its type tokens and
 * what its constraints say.
 */
public record ColumnDef(String name, List<Tok> type, boolean notNull, List<Tok> defaultExpr, boolean primaryKey,
                        boolean references, boolean generated) {
    private static final Set<String> CONSTRAINT_START = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY",
            "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE");

    /** Parses the tokens of one definition: name, type, constraints. */
    public static ColumnDef parse(List<Tok> t) {
        if (t.isEmpty()) {
            return null;
        }
        int i = 1;
        int typeStart = i;
        int depth = 0;
        while (i < t.size()) {
            Tok x = t.get(i);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && CONSTRAINT_START.contains(x.upper()) && x.type() == dev.lockstep.internal.sql.TokenType.WORD) {
                break;
            }
            i++;
        }
        List<Tok> type = t.subList(typeStart, i);
        boolean notNull = false;
        boolean pk = false;
        boolean refs = false;
        boolean generated = false;
        List<Tok> def = null;
        for (int k = i; k < t.size(); k++) {
            Tok x = t.get(k);
            if (x.is("NOT") && k + 1 < t.size() && t.get(k + 1).is("NULL")) {
                notNull = true;
            } else if (x.is("PRIMARY")) {
                pk = true;
                notNull = true;
            } else if (x.is("REFERENCES")) {
                refs = true;
            } else if (x.is("GENERATED")) {
                generated = true;
            } else if (x.is("DEFAULT")) {
                int end = k + 1;
                int d = 0;
                while (end < t.size()) {
                    Tok y = t.get(end);
                    if (y.isPunct("(")) {
                        d++;
                    } else if (y.isPunct(")")) {
                        d--;
                    } else if (d == 0 && CONSTRAINT_START.contains(y.upper()) && !y.is("NULL")) {
                        break;
                    }
                    end++;
                }
                def = t.subList(k + 1, end);
            }
        }
        return new ColumnDef(t.get(0).identifier(), type, notNull, def, pk, refs, generated);
    }

    /** The type's first word, upper-cased: {@code VARCHAR}, {@code TIMESTAMP}, {@code INT} ... */
    public String baseType() {
        return type.isEmpty() ? "" : type.get(0).upper();
    }

    public boolean typeHas(String keyword) {
        return type.stream().anyMatch(x -> x.is(keyword));
    }

    /** Whether the type carries a length, as in {@code varchar(255)}. */
    public boolean typeHasLength() {
        return type.stream().anyMatch(x -> x.isPunct("("));
    }
}
