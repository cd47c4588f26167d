package dev.lockstep;

/**
 * What {@code rollback} undoes: the newest {@code steps} migrations, or every migration above
 * {@code toVersion} (exactly one of the two).
 *
 * @param dryRun only show the down scripts that would run
 * @param partial also undo a migration that stopped half-way (statement by statement) with its down script;
 *                without it such a migration is refused
 */
public record RollbackOptions(Integer steps, String toVersion, boolean dryRun, boolean partial) {
    public RollbackOptions(Integer steps, String toVersion, boolean dryRun) {
        this(steps, toVersion, dryRun, false);
    }

    public RollbackOptions {
        if (steps == null && toVersion == null) {
            steps = 1;
        }
        if (steps != null && toVersion != null) {
            throw new IllegalArgumentException("give steps or a version to roll back to, not both");
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, not " + steps);
        }
    }

    /** The newest {@code n} applied migrations. */
    public static RollbackOptions steps(int n) {
        return new RollbackOptions(n, null, false);
    }

    /** Every applied migration above {@code version}. */
    public static RollbackOptions to(String version) {
        return new RollbackOptions(null, version, false);
    }

    public RollbackOptions asDryRun() {
        return new RollbackOptions(steps, toVersion, true, partial);
    }

    /** These options, also undoing a partially applied migration with its down script. */
    public RollbackOptions withPartial() {
        return new RollbackOptions(steps, toVersion, dryRun, true);
    }
}
