package dev.lockstep.internal.source;

import java.time.Duration;
import java.util.List;

/**
 * Directives from a script's leading comments: {@code -- lockstep:transaction off},
 * {@code -- lockstep:lock-timeout 2s}, {@code -- lockstep:ignore <rule> <reason>},
 * {@code -- lockstep:batch size=5000 sleep=100ms}, {@code -- lockstep:empty <reason>}.
 *
 * @param transaction null when not given (decided from the statements), else forced on or off
 * @param lockTimeout null when not given (the configured default applies)
 * @param batch null unless the script is a batched backfill
 * @param empty why a script without statements is meant to be empty; null when not given
 */
public record Directives(Boolean transaction, Duration lockTimeout, List<Suppression> suppressions, Batch batch,
                         String empty) {
    public static final Directives NONE = new Directives(null, null, List.of(), null, null);

    public Directives(Boolean transaction, Duration lockTimeout, List<Suppression> suppressions, Batch batch) {
        this(transaction, lockTimeout, suppressions, batch, null);
    }

    /** Run the script's one UPDATE in keyset batches of {@code size} rows, sleeping between them. */
    public record Batch(int size, Duration sleep) {
    }

    /** A lint suppression: the rule id, the reason (may be empty, which lint reports) and the line. */
    public record Suppression(String rule, String reason, int line) {
    }
}
