package dev.lockstep.internal.lint;

import dev.lockstep.internal.sql.TokenType;

/**
 * A significant token of a statement: its text, its upper-case form for key-word comparison (only
 * unquoted words are key words), and its offset in the statement text.
 */
public record Tok(TokenType type, String text, String upper, int offset) {

    public boolean is(String keyword) {
        return type == TokenType.WORD && upper.equals(keyword);
    }

    public boolean isPunct(String p) {
        return text.equals(p);
    }

    /** The identifier this token names, as PostgreSQL folds it: unquoted lower-cased, quoted as written. */
    public String identifier() {
        if (type == TokenType.QUOTED_IDENTIFIER) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(java.util.Locale.ROOT);
    }
}
