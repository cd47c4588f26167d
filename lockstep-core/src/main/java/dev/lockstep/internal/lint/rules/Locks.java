package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.LockLevel;
import java.util.List;

/** Which locks of a statement fall on objects that existed before the script: where they hurt. */
final class Locks {
    private Locks() {
    }

    /** The objects (normalised) on which {@code s} takes a lock that blocks writes, tables the script created excluded. */
    static List<String> writeBlocked(ScriptContext script, LintStatement s) {
        return s.locks().stream().filter(HeldLock::blocksWrites).map(l -> Names.normalize(l.object()))
                .filter(o -> !script.createdBefore(s, o)).distinct().toList();
    }

    static boolean blocksWritesOnExistingTable(ScriptContext script, LintStatement s) {
        return !writeBlocked(script, s).isEmpty();
    }

    /** The first object on which {@code s} takes ACCESS EXCLUSIVE and that the script did not create; null if none. */
    static HeldLock accessExclusive(ScriptContext script, LintStatement s) {
        return s.locks().stream().filter(l -> l.mode() == LockLevel.ACCESS_EXCLUSIVE
                && !script.createdBefore(s, l.object())).findFirst().orElse(null);
    }
}
