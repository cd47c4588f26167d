package dev.lockstep.internal.state;

/** What a history row records. */
public enum HistoryKind {
    /** A versioned migration applied (or resumed). */
    VERSIONED,
    /** A repeatable migration (re)applied. */
    REPEATABLE,
    /** A down script run; the version is no longer applied when it succeeds. */
    ROLLBACK,
    /** {@code baseline}: everything up to this version counts as applied. */
    BASELINE,
    /** {@code import}: applied by another tool, whose history recorded it; counts as applied. */
    IMPORTED;

    /** Whether a successful row of this kind means its version is applied. */
    public boolean appliesVersion() {
        return this == VERSIONED || this == IMPORTED;
    }

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HistoryKind fromDb(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
