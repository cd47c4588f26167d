package dev.lockstep;

/**
 * The server accepts connections: after how many attempts and how long.
 *
 * @param firstProblem what the first failed attempt saw (e.g. {@code connection refused}), or null when the
 *                     first attempt connected
 */
public record WaitResult(String database, int attempts, long waitedMs, String firstProblem) {
}
