package dev.lockstep;

import java.util.List;

/**
 * What {@code merge} did (or with {@code dryRun} would do) to resolve parallel migrations.
 *
 * @param renamed files given a new version, each {@code old -> new}
 * @param ordered orders recorded in the order file, as {@code 7 after 6}
 * @param orderFile the order file, or null when nothing was recorded
 */
public record MergeResult(String directory, boolean dryRun, List<String> renamed, List<String> ordered,
                          String orderFile) {
    public MergeResult {
        renamed = List.copyOf(renamed);
        ordered = List.copyOf(ordered);
    }

    public boolean changed() {
        return !renamed.isEmpty() || !ordered.isEmpty();
    }
}
