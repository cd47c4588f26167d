package dev.lockstep;

/**
 * A disagreement between the migration files and the history that stops {@code migrate}, or a file that
 * pretends ({@link Kind#EMPTY_DOWN_SCRIPT}: reported by {@code validate}, refused by {@code rollback}).
 *
 * @param version the migration concerned
 * @param script the file concerned, or null when it is missing
 */
public record ValidationIssue(Kind kind, String version, String script, String message) {

    public enum Kind {
        CHECKSUM_CHANGED,
        FILE_MISSING,
        OUT_OF_ORDER,
        FAILED_RUN,
        UNKNOWN_TARGET,
        /** A down script cannot be read as SQL (an unterminated quote, say): a rollback would fail. */
        DOWN_SCRIPT_UNREADABLE,
        /** A down script has no statement: a rollback would record an undo that undid nothing. */
        EMPTY_DOWN_SCRIPT
    }
}
