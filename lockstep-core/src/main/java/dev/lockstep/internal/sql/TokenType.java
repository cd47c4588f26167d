package dev.lockstep.internal.sql;

/** The kinds of token the PostgreSQL lexer produces. */
public enum TokenType {
    WHITESPACE,
    LINE_COMMENT,
    BLOCK_COMMENT,
    /** An unquoted identifier or key word. */
    WORD,
    /** A double-quoted identifier, including {@code U&"..."}. */
    QUOTED_IDENTIFIER,
    /** A single-quoted string in any of its forms: plain, {@code E''}, {@code U&''}, {@code B''}, {@code X''}, {@code N''}. */
    STRING,
    /** A dollar-quoted string, {@code $tag$ ... $tag$}. */
    DOLLAR_STRING,
    NUMBER,
    /** A positional parameter such as {@code $1}. */
    PARAMETER,
    SEMICOLON,
    OPEN_PAREN,
    CLOSE_PAREN,
    /** Any other punctuation or operator character run. */
    OPERATOR,
    /** A psql meta-command: a backslash to the end of the line. */
    META_COMMAND,
    /** A construct that runs to the end of the input without its terminator. */
    UNTERMINATED;

    /** Whether the token carries no meaning for the statement (space and comments). */
    public boolean isTrivia() {
        return this == WHITESPACE || this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
