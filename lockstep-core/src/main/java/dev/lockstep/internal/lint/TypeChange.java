package dev.lockstep.internal.lint;

import java.util.List;
import java.util.Locale;

/**
 * An {@code ALTER COLUMN ... TYPE} action read for one question: does it rewrite the table? PostgreSQL
 * skips the rewrite (and the rebuild of plain indexes on the column) when the old type is binary-coercible
 * to the new one and no value needs checking (CHECK constraints, foreign keys and expression or partial
 * indexes are still checked or rebuilt: the caller looks at those): {@code varchar(n)} to a longer {@code varchar}, to unlimited {@code varchar} or to
 * {@code text}; {@code text} to unlimited {@code varchar}; {@code numeric(p,s)} to a larger precision with
 * the same scale, or to unlimited {@code numeric}; {@code varbit(n)} to a longer one; {@code timestamp},
 * {@code timestamptz}, {@code time} and {@code interval} to a larger fractional precision (or none);
 * {@code cidr} to {@code inet}. Anything else, or a {@code USING} or {@code COLLATE} clause, is taken to
 * rewrite.
 *
 * @param column the column's name as PostgreSQL keeps it (unquoted folded to lower case)
 * @param type the new type as PostgreSQL's {@code format_type} prints it ({@code character varying(1024)}),
 *             null when it is not one of the types above
 */
public record TypeChange(String column, String type, boolean usingOrCollate) {

    /** The change an {@link AlterAction.Kind#ALTER_COLUMN_TYPE} action makes; null for any other action. */
    public static TypeChange of(AlterAction action) {
        if (action.kind() != AlterAction.Kind.ALTER_COLUMN_TYPE) {
            return null;
        }
        List<Tok> t = action.tokens();
        int at = t.size() > 1 && t.get(1).is("COLUMN") ? 2 : 1;
        if (at >= t.size()) {
            return null;
        }
        String column = t.get(at).identifier();
        int type = at + 1;
        while (type < t.size() && !t.get(type).is("TYPE")) {
            type++;
        }
        StringBuilder written = new StringBuilder();
        boolean usingOrCollate = false;
        for (int i = type + 1; i < t.size(); i++) {
            if (t.get(i).is("USING") || t.get(i).is("COLLATE")) {
                usingOrCollate = true;
                break;
            }
            written.append(t.get(i).text()).append(' ');
        }
        return new TypeChange(column, formatted(written.toString()), usingOrCollate);
    }

    /** {@code varchar (1024)} as {@code character varying(1024)}; null for a type this class does not judge. */
    static String formatted(String written) {
        String w = written.toLowerCase(Locale.ROOT).replace(" ", "");
        if (w.startsWith("pg_catalog.")) {
            w = w.substring("pg_catalog.".length());
        }
        String time = timeType(w);
        if (time != null) {
            return time.isEmpty() ? null : time;
        }
        int paren = w.indexOf('(');
        String base = paren < 0 ? w : w.substring(0, paren);
        String args = paren < 0 ? "" : w.substring(paren);
        if (!args.isEmpty() && !args.matches("\\(\\d+(,\\d+)?\\)")) {
            return null;
        }
        String name = switch (base) {
            case "varchar", "charactervarying" -> "character varying";
            case "text" -> "text";
            case "numeric", "decimal" -> "numeric";
            case "varbit", "bitvarying" -> "bit varying";
            case "inet" -> "inet";
            default -> null;
        };
        if (name == null || (!args.isEmpty() && (name.equals("text") || name.equals("inet")))) {
            return null;
        }
        if (name.equals("numeric") && args.matches("\\(\\d+\\)")) {
            args = args.substring(0, args.length() - 1) + ",0)";
        }
        if (!name.equals("numeric") && args.contains(",")) {
            return null;
        }
        return name + args;
    }

    /**
     * {@code timestamp(3)withtimezone} as {@code timestamp(3) with time zone}; "" for a time type written in a
     * form this class does not judge; null when {@code w} (spaces removed) is no time type.
     */
    private static String timeType(String w) {
        String zone = null;
        String rest = w;
        for (String[] suffix : new String[][] {{"withouttimezone", " without time zone"}, {"withtimezone", " with time zone"}}) {
            if (rest.endsWith(suffix[0])) {
                zone = suffix[1];
                rest = rest.substring(0, rest.length() - suffix[0].length());
                break;
            }
        }
        int paren = rest.indexOf('(');
        String base = paren < 0 ? rest : rest.substring(0, paren);
        String args = paren < 0 ? "" : rest.substring(paren);
        String name;
        switch (base) {
            case "timestamp", "time" -> {
                name = base;
                zone = zone == null ? " without time zone" : zone;
            }
            case "timestamptz", "timetz" -> {
                if (zone != null) {
                    return "";
                }
                name = base.substring(0, base.length() - 2);
                zone = " with time zone";
            }
            case "interval" -> {
                if (zone != null) {
                    return "";
                }
                name = "interval";
                zone = "";
            }
            default -> {
                return zone == null ? null : "";
            }
        }
        return args.isEmpty() || args.matches("\\(\\d\\)") ? name + args + zone : "";
    }

    /** Whether changing a column of type {@code old} (as {@code format_type} prints it) to this type rewrites nothing. */
    public boolean rewritesNothing(String old) {
        if (type == null || usingOrCollate || old == null || old.endsWith("]")) {
            return false; // an array column is converted element by element, through text: a rewrite
        }
        if (old.equals(type)) {
            return true;
        }
        String oldBase = base(old);
        String newBase = base(type);
        if ((oldBase.equals("character varying") || oldBase.equals("text"))
                && (newBase.equals("character varying") || newBase.equals("text"))) {
            // To text or unlimited varchar: binary-coercible. To varchar(m): only from a varchar(n <= m).
            return type.equals("text") || type.equals("character varying")
                    || (oldBase.equals("character varying") && !old.equals(oldBase) && length(old) <= length(type));
        }
        if (oldBase.equals("numeric") && newBase.equals("numeric")) {
            return type.equals("numeric") || (!old.equals("numeric") && scale(old) == scale(type)
                    && length(old) <= length(type));
        }
        if (oldBase.equals("bit varying") && newBase.equals("bit varying")) {
            return type.equals("bit varying") || (!old.equals(oldBase) && length(old) <= length(type));
        }
        if (timeBase(old) != null && timeBase(old).equals(timeBase(type))) {
            // A larger fractional precision, or none (the most there is), keeps every value as it is.
            return type.indexOf('(') < 0 || (old.indexOf('(') >= 0 && length(old) <= length(type));
        }
        return old.equals("cidr") && type.equals("inet");
    }

    /** {@code timestamp with time zone} for {@code timestamp(3) with time zone}; null for any other type. */
    private static String timeBase(String formatted) {
        if (!formatted.startsWith("timestamp") && !formatted.startsWith("time") && !formatted.startsWith("interval")) {
            return null;
        }
        int open = formatted.indexOf('(');
        return open < 0 ? formatted : formatted.substring(0, open) + formatted.substring(formatted.indexOf(')') + 1);
    }

    private static String base(String formatted) {
        int paren = formatted.indexOf('(');
        return paren < 0 ? formatted : formatted.substring(0, paren);
    }

    /** The first number in parentheses: a length or a precision. */
    private static long length(String formatted) {
        int open = formatted.indexOf('(');
        int end = formatted.indexOf(',', open);
        return Long.parseLong(formatted.substring(open + 1, end < 0 ? formatted.indexOf(')') : end));
    }

    private static long scale(String formatted) {
        int comma = formatted.indexOf(',');
        return comma < 0 ? 0 : Long.parseLong(formatted.substring(comma + 1, formatted.indexOf(')')));
    }
}
