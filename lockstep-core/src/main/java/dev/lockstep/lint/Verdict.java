package dev.lockstep.lint;

/**
 * What the migrate gate decided about a finding, judged against the target database: whether it stops
 * the run, and why ({@code t_12 is created in this run}, {@code accounts has ~200000 rows (9.8 MB)}).
 */
public record Verdict(boolean blocks, String reason) {

    public static Verdict blocks(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict passes(String reason) {
        return new Verdict(false, reason);
    }

    /** {@code blocks: reason} or {@code does not block: reason}. */
    @Override
    public String toString() {
        return (blocks ? "blocks: " : "does not block: ") + reason;
    }
}
