package dev.lockstep.internal.backup;

import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles a dump's schema script names: owners ({@code ALTER ... OWNER TO}), grantees and grantors
 * ({@code GRANT}, {@code REVOKE}, {@code ALTER DEFAULT PRIVILEGES}), policy roles ({@code CREATE POLICY
 * ... TO}) and {@code SET SESSION AUTHORIZATION}. Read with the SQL lexer, so that names inside strings,
 * comments and function bodies are not taken for roles. Pure.
 */
final class DumpRoles {
    private static final Set<String> NOT_ROLES = Set.of("PUBLIC", "CURRENT_USER", "CURRENT_ROLE", "SESSION_USER");

    /** @param owners the roles that own objects; {@code all} includes them */
    record Named(Set<String> owners, Set<String> all) {
    }

    private DumpRoles() {
    }

    static Named of(String script) {
        Set<String> owners = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        for (List<String> st : statements(script)) {
            for (int i = 0; i < st.size(); i++) {
                String w = st.get(i);
                if (w.equals("OWNER") && is(st, i + 1, "TO") && i + 2 < st.size()) {
                    owners.add(name(st.get(i + 2)));
                } else if (w.equals("AUTHORIZATION") && is(st, i - 1, "SESSION") && i + 1 < st.size()) {
                    all.add(name(st.get(i + 1)));
                } else if (w.equals("BY") && is(st, i - 1, "GRANTED")) {
                    list(st, i + 1, all);
                } else if (w.equals("FOR") && (is(st, i + 1, "ROLE") || is(st, i + 1, "USER"))
                        && is(st, 0, "ALTER") && is(st, 1, "DEFAULT")) {
                    list(st, i + 2, all);
                } else if ((w.equals("TO") && (is(st, 0, "GRANT") || grantIn(st) || is(st, 1, "POLICY")))
                        || (w.equals("FROM") && (is(st, 0, "REVOKE") || grantIn(st)))) {
                    list(st, i + 1, all);
                }
            }
        }
        all.addAll(owners);
        return new Named(owners, all);
    }

    private static boolean grantIn(List<String> st) {
        return is(st, 0, "ALTER") && is(st, 1, "DEFAULT");
    }

    /** Names separated by commas from {@code from}, until anything else (WITH, USING, IN, the end). */
    private static void list(List<String> st, int from, Set<String> into) {
        int i = from;
        while (i < st.size()) {
            String n = st.get(i);
            if (n.equals("GROUP")) {
                i++;
                continue;
            }
            if (!isName(n)) {
                return;
            }
            if (!NOT_ROLES.contains(n)) {
                into.add(name(n));
            }
            if (!is(st, i + 1, ",")) {
                return;
            }
            i += 2;
        }
    }

    private static boolean isName(String token) {
        char first = token.charAt(0);
        return first == '"' || first == '\'' || first == '_' || Character.isLetter(first);
    }

    private static boolean is(List<String> st, int i, String word) {
        return i >= 0 && i < st.size() && st.get(i).equals(word);
    }

    /** An identifier as the server names it: quoted ones as written, unquoted ones in lower case. */
    private static String name(String token) {
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\"\"", "\"");
        }
        if (token.startsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token.toLowerCase(Locale.ROOT);
    }

    /**
     * The script's statements at paren depth 0, each as its tokens: unquoted words upper-cased, quoted
     * names and strings as written, anything inside parentheses left out.
     */
    private static List<List<String>> statements(String script) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Lexer lexer = new Lexer(script);
        int depth = 0;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            TokenType type = t.type();
            if (type.isTrivia() || type == TokenType.META_COMMAND) {
                continue;
            }
            if (type == TokenType.OPEN_PAREN) {
                depth++;
            } else if (type == TokenType.CLOSE_PAREN) {
                depth = Math.max(0, depth - 1);
            } else if (type == TokenType.SEMICOLON) {
                if (!current.isEmpty()) {
                    out.add(current);
                }
                current = new ArrayList<>();
                depth = 0;
            } else if (depth == 0) {
                String text = t.text(script);
                current.add(type == TokenType.WORD ? text.toUpperCase(Locale.ROOT) : text);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
