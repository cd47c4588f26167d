package dev.lockstep;

import java.time.Duration;
import java.util.Objects;

/**
 * How migrations keep live traffic flowing, besides {@code lock_timeout} and its retries.
 *
 * @param blockerWait how long a migration may wait, in all, for sessions in its tables' way (and retry
 *                    lock timeouts) before it gives up with exit 4
 * @param cancelBlockers which blocking sessions to cancel after noticing them
 * @param ddlStatementTimeout {@code statement_timeout} for a statement holding a write-blocking lock
 *                            (CONCURRENTLY builds and VALIDATE run without a limit)
 * @param idleInTransactionTimeout backstop: the server ends the migration's session if it sits idle in a
 *                                 transaction this long (a stopped runner must not hold locks forever)
 * @param maxReplicationLag a batched backfill pauses while a replica lags more than this
 */
public record TrafficSettings(Duration blockerWait, CancelBlockers cancelBlockers, Duration ddlStatementTimeout,
                              Duration idleInTransactionTimeout, Duration maxReplicationLag) {
    public static final TrafficSettings DEFAULT = new TrafficSettings(Duration.ofSeconds(60), CancelBlockers.OFF,
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30));

    public TrafficSettings {
        Objects.requireNonNull(blockerWait, "blockerWait");
        Objects.requireNonNull(cancelBlockers, "cancelBlockers");
        Objects.requireNonNull(ddlStatementTimeout, "ddlStatementTimeout");
        Objects.requireNonNull(idleInTransactionTimeout, "idleInTransactionTimeout");
        Objects.requireNonNull(maxReplicationLag, "maxReplicationLag");
    }

    /** Which sessions in the way {@code --cancel-blockers} may cancel. */
    public enum CancelBlockers {
        OFF, IDLE_IN_TRANSACTION, ALL;

        public static CancelBlockers parse(String text) {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "off", "none", "false" -> OFF;
                case "idle-in-transaction" -> IDLE_IN_TRANSACTION;
                case "all" -> ALL;
                default -> throw new IllegalArgumentException("'" + text
                        + "' is not a cancel policy; use off, idle-in-transaction or all");
            };
        }
    }
}
