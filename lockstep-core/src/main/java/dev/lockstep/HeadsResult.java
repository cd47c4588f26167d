package dev.lockstep;

import java.util.List;

/**
 * Migrations added on parallel branches, found by {@code heads} from the files, the history and (when
 * the directory is in a git work tree) the commits that added them.
 *
 * @param git whether git history was used
 * @param newestApplied the highest applied version; null when none
 * @param conflicts what {@code merge} would resolve; empty when the chain is linear
 * @param recorded orders recorded earlier by {@code merge}, as {@code 7 after 6}
 */
public record HeadsResult(String directory, boolean git, String newestApplied, List<Conflict> conflicts,
                          List<String> recorded) {
    public HeadsResult {
        conflicts = List.copyOf(conflicts);
        recorded = List.copyOf(recorded);
    }

    /**
     * One migration that does not follow the one before it.
     *
     * @param kind {@code duplicate} (another file has its version), {@code out-of-order} (below the newest
     *             applied version) or {@code parallel} (added after {@code after}, but another branch's
     *             migration now comes between)
     * @param after for {@code parallel}: the version it was written after; else null
     * @param before for {@code parallel} and {@code duplicate}: the other branch's version; else null
     */
    public record Conflict(String kind, String version, String file, String after, String before, String message) {
    }

    public boolean resolved() {
        return conflicts.isEmpty();
    }
}
