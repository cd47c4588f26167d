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
    BASELINE;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HistoryKind fromDb(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
