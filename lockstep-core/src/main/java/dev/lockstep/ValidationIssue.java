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
        EMPTY_DOWN_SCRIPT,
        /** A migration written on a parallel branch runs after another it did not know of ({@code lockstep heads}). */
        PARALLEL_BRANCHES,
        /**
         * A rollback run statement by statement stopped part-way: reported by {@code validate}, refused by
         * {@code migrate}, finished by {@code rollback}.
         */
        ROLLBACK_STOPPED,
        /**
         * The database has objects of its own and no history in the history schema (a wrong database or
         * {@code --history-schema}, or one set up by hand): {@code migrate} refuses it until it is adopted
         * ({@code baseline}) or allowed ({@code --allow-non-empty}).
         */
        UNMANAGED_DATABASE
    }
}
