package dev.lockstep.internal.sql;

/** One token: its type and its span {@code [start, end)} in the source text. */
public record Token(TokenType type, int start, int end) {

    public String text(CharSequence source) {
        return source.subSequence(start, end).toString();
    }

    /** Whether this token is the given key word (case-insensitive); only unquoted words can be. */
    public boolean isWord(CharSequence source, String keyword) {
        if (type != TokenType.WORD || end - start != keyword.length()) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            if (Character.toUpperCase(source.charAt(start + i)) != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
