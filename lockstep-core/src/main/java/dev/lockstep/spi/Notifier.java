package dev.lockstep.spi;

/**
 * Tells people about a deploy: at its start, its success and its failure. A notifier must not throw
 * for a failed delivery; the deploy logs it and goes on (a broken webhook never fails a deploy).
 */
public interface Notifier {
    /** A short name for logs, e.g. {@code slack}. */
    String name();

    /**
     * @param phase {@code start}, {@code success} or {@code failure}
     * @param summary one line a person reads, e.g. "production: migrated 41 -> 43 in 12.3s"
     * @param details the deploy's facts (environment, versions, report path, failed step) for machine readers
     */
    void send(String phase, String summary, java.util.Map<String, Object> details) throws Exception;
}
