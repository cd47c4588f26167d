package dev.lockstep.internal.history;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.state.HistoryKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses history that Lockstep cannot have written (rows or a format changed by hand, or by a newer
 * version), before anything is planned from it: a validation error naming each bad row, never a crash
 * and never a plan built on a guess.
 */
final class HistoryRowCheck {
    /** The history formats this version reads. */
    static final Set<String> FORMATS = Set.of("1", HistoryStore.CURRENT_FORMAT);
    /** The checksum algorithms this version knows. */
    static final Set<String> ALGORITHMS = Set.of(Checksum.ALGORITHM);
    private static final int NAMED = 5;

    private final String table;
    private final List<String> problems = new ArrayList<>();

    HistoryRowCheck(String table) {
        this.table = table;
    }

    static void format(String table, String meta, String format) {
        if (format != null && !FORMATS.contains(format)) {
            throw new LockstepException(ErrorCode.VALIDATION, "the history format in " + meta + " is '" + format
                    + "', which this version of Lockstep does not read (it reads " + String.join(", ",
                    FORMATS.stream().sorted().toList()) + "): a newer Lockstep wrote " + table + ", or the value was "
                    + "changed by hand", "run the Lockstep version that wrote it (the history's tool_version column "
                    + "says which), or restore the value; nothing was applied");
        }
    }

    /** The row's kind, or null (and a problem noted) when the row is not one Lockstep writes. */
    HistoryKind check(long id, String version, String kind, String checksum, String algorithm) {
        HistoryKind k = null;
        try {
            k = HistoryKind.fromDb(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(id, "kind '" + kind + "' is not one of versioned, repeatable, rollback, baseline");
            return null;
        }
        if (version == null && k != HistoryKind.REPEATABLE) {
            problem(id, "a " + k.dbName() + " row has no version");
        } else if (version != null && !MigrationVersion.isVersion(version)) {
            problem(id, "version '" + version + "' is not a version (digits separated by '.' or '_')");
        }
        if (k == HistoryKind.VERSIONED || k == HistoryKind.REPEATABLE) {
            if (checksum == null) {
                problem(id, "a " + k.dbName() + " row has no checksum");
            } else if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
                problem(id, "checksum algorithm '" + algorithm + "' is not one this version knows ("
                        + String.join(", ", ALGORITHMS) + ")");
            }
        }
        return k;
    }

    private void problem(long id, String what) {
        problems.add("row id " + id + ": " + what);
    }

    /** Throws (exit 5) naming the bad rows, when there are any. */
    void done() {
        if (problems.isEmpty()) {
            return;
        }
        List<String> shown = problems.subList(0, Math.min(NAMED, problems.size()));
        throw new LockstepException(ErrorCode.VALIDATION, table + " has " + problems.size() + " row"
                + (problems.size() == 1 ? "" : "s") + " Lockstep did not write:\n  " + String.join("\n  ", shown)
                + (problems.size() > shown.size() ? "\n  ..." : ""),
                "the history was changed outside Lockstep: restore the rows as they were (from a backup), correct "
                        + "them with UPDATE ... WHERE id = <id>, or delete a row whose execution never happened; "
                        + "nothing was applied");
    }
}
