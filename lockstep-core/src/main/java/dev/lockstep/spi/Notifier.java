package dev.lockstep.spi;

/**
 * Tells people about a deploy (at its start, its success and its failure), a rollback or a restore (how
 * it ended) and any other command that failed. A notifier must not throw for a failed delivery; the
 * command logs it and goes on (a broken webhook never fails a deploy).
 */
public interface Notifier {
    /** A short name for logs, e.g. {@code slack}. */
    String name();

    /**
     * @param phase {@code start}, {@code success} or {@code failure}
     * @param summary one line a person reads, e.g. "production: migrated 41 -> 43 in 12.3s"
     * @param details the facts for machine readers: {@code command} ({@code deploy}, {@code rollback},
     *                {@code restore}, {@code migrate}, ...), environment, versions, what was undone, report path
     */
    void send(String phase, String summary, java.util.Map<String, Object> details) throws Exception;
}
