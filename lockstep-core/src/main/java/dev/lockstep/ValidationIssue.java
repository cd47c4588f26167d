package dev.lockstep;

/**
 * A disagreement between the migration files and the history that stops {@code migrate}.
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
        /** A migration written on a parallel branch runs after another it did not know of ({@code lockstep heads}). */
        PARALLEL_BRANCHES
    }
}
