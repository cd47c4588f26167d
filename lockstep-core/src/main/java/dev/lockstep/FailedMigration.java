package dev.lockstep;

/**
 * The migration whose script failed, and how much of it stays applied.
 *
 * @param direction {@code up}, {@code resume} or {@code down}
 * @param downScript its down script, or null when it has none
 * @param statementsApplied statements of it that stay applied: 0 when it ran in one transaction (all of it was
 *                          rolled back), else as recorded in the history; null when the history could not be read
 */
public record FailedMigration(String version, String description, String script, String direction, String downScript,
                              boolean transactional, Integer statementsApplied, int statementsTotal) {

    /** Whether some of its statements stay applied (a statement-by-statement script that stopped half-way). */
    public boolean partial() {
        return statementsApplied == null ? !transactional : statementsApplied > 0;
    }
}
