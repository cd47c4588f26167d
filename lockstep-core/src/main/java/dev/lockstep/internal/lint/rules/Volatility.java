package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.TokenType;
import java.util.List;
import java.util.Set;

/**
 * Whether a default expression is volatile, i.e. computed again for every row. PostgreSQL evaluates a
 * non-volatile default once and stores it in the catalog (no rewrite since PostgreSQL 11); a volatile
 * one is written into every row. A function not known here is taken as volatile, PostgreSQL's own
 * default for a function created without a volatility.
 */
final class Volatility {
    /** Built-in functions that are immutable or stable, and SQL constructs written like calls. */
    static final Set<String> NOT_VOLATILE = Set.of("NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME",
            "LOCALTIMESTAMP", "LOCALTIME", "TRANSACTION_TIMESTAMP", "STATEMENT_TIMESTAMP", "CURRENT_USER",
            "SESSION_USER", "CURRENT_SCHEMA", "CURRENT_SETTING", "ARRAY", "ROW", "TO_JSON", "TO_JSONB",
            "JSON_BUILD_OBJECT", "JSONB_BUILD_OBJECT", "JSON_BUILD_ARRAY", "JSONB_BUILD_ARRAY", "MAKE_INTERVAL",
            "MAKE_DATE", "MAKE_TIME", "MAKE_TIMESTAMP", "MAKE_TIMESTAMPTZ", "DATE_TRUNC", "DATE_PART", "TO_CHAR",
            "TO_DATE", "TO_TIMESTAMP", "TO_NUMBER", "LOWER", "UPPER", "CONCAT", "CONCAT_WS", "COALESCE", "NULLIF",
            "GREATEST", "LEAST", "LENGTH", "ABS", "ROUND", "FLOOR", "CEIL", "CEILING", "TRIM", "BTRIM", "LTRIM", "RTRIM",
            "SUBSTRING", "SUBSTR", "REPLACE", "LPAD", "RPAD", "FORMAT", "MD5", "ENCODE", "DECODE", "CAST", "EXTRACT",
            "OVERLAY", "POSITION", "INTERVAL", "TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "NUMERIC", "DECIMAL",
            "VARCHAR", "CHAR", "BIT", "ARRAY_FILL", "STRING_TO_ARRAY", "ARRAY_TO_STRING", "TIMEZONE", "AGE",
            "CIDR", "POINT", "INT4RANGE", "INT8RANGE", "NUMRANGE", "TSRANGE", "TSTZRANGE", "DATERANGE");

    private Volatility() {
    }

    /**
     * The first call of a function not known to be non-volatile, e.g. {@code gen_random_uuid()}; null when
     * none. A word after {@code ::} is a type (as in {@code '0'::numeric(10,2)}), not a call.
     */
    static String volatileCall(List<Tok> expression) {
        for (int i = 0; i + 1 < expression.size(); i++) {
            Tok t = expression.get(i);
            boolean call = t.type() == TokenType.WORD && expression.get(i + 1).isPunct("(");
            boolean typeName = i > 0 && (expression.get(i - 1).isPunct(":") || expression.get(i - 1).is("AS"));
            if (call && !typeName && !NOT_VOLATILE.contains(t.upper())) {
                return t.text() + "()";
            }
        }
        return null;
    }
}
