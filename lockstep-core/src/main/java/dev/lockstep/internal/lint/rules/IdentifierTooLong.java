package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.lint.Tok;
import dev.lockstep.internal.sql.TokenType;
import dev.lockstep.lint.Severity;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

public final class IdentifierTooLong extends Rule {
    /** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name. */
    static final int MAX_BYTES = 63;

    /** The ASCII characters of an unquoted name: letters, digits, '_' and '$' (a table: this runs on every statement). */
    private static final boolean[] NAME_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            NAME_CHAR[c] = Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "An identifier longer than 63 bytes is silently truncated";
    }

    @Override
    public String why() {
        return "PostgreSQL keeps the first 63 bytes of every name and only says so in a NOTICE. Two long names that "
                + "share their first 63 bytes become the same name (the second CREATE fails with \"already exists\", "
                + "or a DROP removes the wrong object), and the name in the catalog is not the one in the code, so "
                + "tools that compare names see a difference. Bytes, not characters: a name with accents or other "
                + "non-ASCII letters reaches the limit sooner.";
    }

    @Override
    public String instead() {
        return "CREATE INDEX CONCURRENTLY orders_customer_created_idx ON orders (customer_id, created_at);"
                + "  -- a name of 63 bytes or less";
    }

    @Override
    public String example() {
        return "CREATE INDEX index_orders_on_customer_id_and_created_at_and_status_and_region_idx "
                + "ON orders (customer_id, created_at, status, region);";
    }

    /**
     * Whether the text has a run of name characters (or a quoted name) that could be longer than the
     * limit, counting every non-ASCII character as 4 bytes: most statements are skipped without lexing.
     */
    private static boolean mayHaveLongName(String sql) {
        if (sql.length() <= MAX_BYTES / 4) {
            return false; // no run can be longer, even of four-byte characters
        }
        int run = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                run = 0;
            } else if (quoted || (c < 128 ? NAME_CHAR[c] : true)) {
                run += c > 127 ? 4 : 1;
                if (run > MAX_BYTES) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (!mayHaveLongName(s.sql())) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Tok t : s.tokens()) {
                if (t.type() != TokenType.WORD && t.type() != TokenType.QUOTED_IDENTIFIER) {
                    continue;
                }
                String name = t.identifier();
                int bytes = name.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_BYTES && seen.add(name)) {
                    findings.add(s, "identifier " + name + " is " + bytes + " bytes long; PostgreSQL truncates it to "
                                    + "its first " + MAX_BYTES + " bytes", "",
                            "a name of at most " + MAX_BYTES + " bytes");
                }
            }
        }
    }
}
