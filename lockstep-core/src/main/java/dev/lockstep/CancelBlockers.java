package dev.lockstep;

/** Which sessions in a migration's way Lockstep may cancel (setting {@code cancel-blockers}). */
public enum CancelBlockers {
    /** Never cancel: wait, then give up with a report of who blocked. */
    OFF,
    /** End sessions that sit idle inside a transaction holding a lock. */
    IDLE_IN_TRANSACTION,
    /** Also cancel the running queries of active sessions in the way. */
    ALL
}
