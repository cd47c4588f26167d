package dev.lockstep.internal.sql;

/**
 * A PostgreSQL lexer over one script. It is a cursor: {@link #next()} returns the next token, and the
 * splitter calls {@link #readCopyData()} after a {@code COPY ... FROM stdin} statement. It never throws
 * and always advances, whatever the input: a construct without its terminator becomes an
 * {@link TokenType#UNTERMINATED} token that runs to the end.
 */
public final class Lexer {
    private final String src;
    private final int length;
    private int pos;
    private String unterminatedWhat;

    public Lexer(String source) {
        this.src = source;
        this.length = source.length();
    }

    public boolean atEnd() {
        return pos >= length;
    }

    public int position() {
        return pos;
    }

    /** For an {@link TokenType#UNTERMINATED} token just returned: what was left open. */
    public String unterminatedWhat() {
        return unterminatedWhat;
    }

    /** The next token, or null at the end of the input. */
    public Token next() {
        if (pos >= length) {
            return null;
        }
        int start = pos;
        char c = src.charAt(pos);
        TokenType type;
        if (isWhitespace(c)) {
            while (pos < length && isWhitespace(src.charAt(pos))) {
                pos++;
            }
            type = TokenType.WHITESPACE;
        } else if (c == '-' && peek(1) == '-') {
            pos = lineEnd(pos);
            type = TokenType.LINE_COMMENT;
        } else if (c == '/' && peek(1) == '*') {
            type = blockComment();
        } else if (c == '\'') {
            type = quoted(pos, '\'', false);
        } else if (c == '"') {
            type = quoted(pos, '"', false);
        } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            type = quoted(pos + 1, '\'', true);
        } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            type = quoted(pos + 2, peek(2), false);
        } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
            type = quoted(pos + 1, '\'', false);
        } else if (c == '$') {
            type = dollar();
        } else if (isIdentStart(c)) {
            pos++;
            while (pos < length && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            type = TokenType.WORD;
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            type = number();
        } else if (c == ';') {
            pos++;
            type = TokenType.SEMICOLON;
        } else if (c == '(') {
            pos++;
            type = TokenType.OPEN_PAREN;
        } else if (c == ')') {
            pos++;
            type = TokenType.CLOSE_PAREN;
        } else if (c == '\\') {
            pos = lineEnd(pos);
            type = TokenType.META_COMMAND;
        } else {
            type = operator();
        }
        return new Token(type, start, pos);
    }

    /**
     * Reads the data that follows {@code COPY ... FROM stdin;} up to a line holding only {@code \.}, or
     * to the end of the input. Returns the span of the data without the terminator line; the cursor
     * moves past the terminator. Returns null (and moves to the end) when there is no terminator.
     */
    public Token readCopyData() {
        // The data starts on the line after the statement's semicolon.
        int lineStart = lineEnd(pos);
        if (lineStart < length) {
            lineStart++;
        }
        int dataStart = lineStart;
        while (lineStart < length) {
            int end = lineEnd(lineStart);
            String line = src.substring(lineStart, end);
            if (line.strip().equals("\\.")) {
                pos = end;
                return new Token(TokenType.STRING, dataStart, lineStart);
            }
            lineStart = end + 1;
        }
        pos = length;
        return null;
    }

    private TokenType blockComment() {
        int depth = 0;
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return TokenType.BLOCK_COMMENT;
                }
            } else {
                pos++;
            }
        }
        return unterminated("block comment /* ... */");
    }

    /** A quoted run starting at {@code quoteAt}; a doubled quote escapes it, and so may a backslash. */
    private TokenType quoted(int quoteAt, char quote, boolean backslashEscapes) {
        pos = quoteAt + 1;
        while (pos < length) {
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return quote == '"' ? TokenType.QUOTED_IDENTIFIER : TokenType.STRING;
                }
            } else {
                pos++;
            }
        }
        pos = length;
        return unterminated(quote == '"' ? "quoted identifier \"...\"" : "string '...'");
    }

    private TokenType dollar() {
        int start = pos;
        if (isDigit(peek(1))) {
            pos++;
            while (pos < length && isDigit(src.charAt(pos))) {
                pos++;
            }
            return TokenType.PARAMETER;
        }
        int tagEnd = start + 1;
        while (tagEnd < length && isTagPart(src.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd >= length || src.charAt(tagEnd) != '$') {
            pos = start + 1;
            return TokenType.OPERATOR;
        }
        String tag = src.substring(start, tagEnd + 1);
        int close = src.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            pos = length;
            return unterminated("dollar-quoted string " + tag + " ... " + tag);
        }
        pos = close + tag.length();
        return TokenType.DOLLAR_STRING;
    }

    private TokenType number() {
        while (pos < length) {
            char c = src.charAt(pos);
            if (isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_' || (c > 127 && Character.isLetter(c))) {
                pos++;
            } else if ((c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')) {
                pos++;
            } else {
                break;
            }
        }
        return TokenType.NUMBER;
    }

    private TokenType operator() {
        pos++;
        while (pos < length) {
            char c = src.charAt(pos);
            boolean commentStarts = (c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '*');
            if (commentStarts || "+-*/<>=~!@#%^&|`?".indexOf(c) < 0) {
                break;
            }
            pos++;
        }
        return TokenType.OPERATOR;
    }

    private TokenType unterminated(String what) {
        pos = length;
        unterminatedWhat = what;
        return TokenType.UNTERMINATED;
    }

    private int lineEnd(int from) {
        int nl = src.indexOf('\n', from);
        return nl < 0 ? length : nl;
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < length ? src.charAt(at) : '\0';
    }

    // ASCII is decided inline, the rest by Character: most SQL is ASCII, and before the JIT compiles the
    // lexer each call into Character's tables is a noticeable part of linting a directory.
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || (c <= '\r' && c >= '\t') || (c >= 0x1c && c <= 0x1f)
                || (c > 127 && Character.isWhitespace(c));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || (c > 127 && Character.isDigit(c));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentStart(char c) {
        return isAsciiLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentPart(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '$' || c > 127;
    }

    private static boolean isTagPart(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c > 127;
    }
}
