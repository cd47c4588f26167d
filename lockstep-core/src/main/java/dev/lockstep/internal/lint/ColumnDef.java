package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * A column definition, from {@code CREATE TABLE} or {@code ADD COLUMN}: its name, its type tokens and
 * what its constraints say. Only constraints at the top level count: the {@code NOT NULL} inside
 * {@code CHECK (x IS NOT NULL)} is not the column's.
 *
 * @param generated {@code GENERATED ... AS IDENTITY} or {@code GENERATED ALWAYS AS (expr)}
 * @param identity {@code GENERATED ... AS IDENTITY}
 * @param storage for a generated expression: {@code STORED}, {@code VIRTUAL} or empty when not written
 */
public record ColumnDef(String name, List<Tok> type, boolean notNull, List<Tok> defaultExpr, boolean primaryKey,
                        boolean references, boolean generated, boolean identity, boolean unique, boolean check,
                        boolean notValid, String storage) {
    private static final Set<String> CONSTRAINT_START = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY",
            "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE");

    /** Parses the tokens of one definition: name, type, constraints. */
    public static ColumnDef parse(List<Tok> t) {
        if (t.isEmpty()) {
            return null;
        }
        int i = 1;
        int depth = 0;
        while (i < t.size()) {
            Tok x = t.get(i);
            if (x.isPunct("(")) {
                depth++;
            } else if (x.isPunct(")")) {
                depth--;
            } else if (depth == 0 && x.type() == TokenType.WORD && CONSTRAINT_START.contains(x.upper())) {
                break;
            }
            i++;
        }
        List<Tok> type = t.subList(1, i);
        boolean notNull = false;
        boolean pk = false;
        boolean refs = false;
        boolean generated = false;
        boolean identity = false;
        boolean unique = false;
        boolean check = false;
        boolean notValid = false;
        String storage = "";
        List<Tok> def = null;
        depth = 0;
        for (int k = i; k < t.size(); k++) {
            Tok x = t.get(k);
            if (x.isPunct("(")) {
                depth++;
                continue;
            } else if (x.isPunct(")")) {
                depth--;
                continue;
            }
            if (depth > 0 || x.type() != TokenType.WORD) {
                continue;
            }
            boolean nextNull = k + 1 < t.size() && t.get(k + 1).is("NULL");
            boolean nextValid = k + 1 < t.size() && t.get(k + 1).is("VALID");
            if (x.is("NOT") && nextNull) {
                notNull = true;
            } else if (x.is("NOT") && nextValid) {
                notValid = true;
            } else if (x.is("PRIMARY")) {
                pk = true;
                notNull = true;
            } else if (x.is("UNIQUE")) {
                unique = true;
            } else if (x.is("CHECK")) {
                check = true;
            } else if (x.is("REFERENCES")) {
                refs = true;
            } else if (x.is("GENERATED")) {
                generated = true;
            } else if (x.is("IDENTITY") && generated) {
                identity = true;
            } else if ((x.is("STORED") || x.is("VIRTUAL")) && generated) {
                storage = x.upper();
            } else if (x.is("DEFAULT") && !(k > 0 && t.get(k - 1).is("BY"))) {
                int end = k + 1;
                int d = 0;
                while (end < t.size()) {
                    Tok y = t.get(end);
                    if (y.isPunct("(")) {
                        d++;
                    } else if (y.isPunct(")")) {
                        d--;
                    } else if (d == 0 && y.type() == TokenType.WORD && CONSTRAINT_START.contains(y.upper())
                            && !y.is("NULL")) {
                        break;
                    }
                    end++;
                }
                def = t.subList(k + 1, end);
                k = end - 1;
            }
        }
        return new ColumnDef(t.get(0).identifier(), type, notNull, def, pk, refs, generated, identity, unique, check,
                notValid, storage);
    }

    /** The type's first word, upper-cased: {@code VARCHAR}, {@code TIMESTAMP}, {@code INT} ... */
    public String baseType() {
        if (type.size() > 2 && type.get(0).is("PG_CATALOG") && type.get(1).isPunct(".")) {
            return type.get(2).upper();
        }
        return type.isEmpty() ? "" : type.get(0).upper();
    }

    public boolean typeHas(String keyword) {
        for (Tok x : type) {
            if (x.is(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the type carries a length, as in {@code varchar(255)}. */
    public boolean typeHasLength() {
        for (Tok x : type) {
            if (x.isPunct("(")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the default is written and is not {@code NULL}. */
    public boolean hasNonNullDefault() {
        return defaultExpr != null && !(defaultExpr.size() == 1 && defaultExpr.get(0).is("NULL"));
    }

    /** A generated column whose value is computed and stored for every row (not {@code VIRTUAL}, not identity). */
    public boolean storedGenerated(int pgVersion) {
        if (!generated || identity) {
            return false;
        }
        // Before PostgreSQL 18 every generated column is stored; from 18 on, VIRTUAL is the default.
        return storage.equals("STORED") || (storage.isEmpty() && pgVersion < 18);
    }

    /** serial, bigserial, smallserial and their aliases. */
    public boolean serial() {
        String b = baseType();
        return b.endsWith("SERIAL") || b.startsWith("SERIAL");
    }
}
