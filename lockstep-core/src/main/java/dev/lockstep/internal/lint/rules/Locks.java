package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Names;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.LockLevel;
import java.util.ArrayList;
import java.util.List;

/** Which locks of a statement fall on objects that existed before the script: where they hurt. */
final class Locks {
    private Locks() {
    }

    /** The objects (normalised) on which {@code s} takes a lock that blocks writes, tables the script created excluded. */
    static List<String> writeBlocked(ScriptContext script, LintStatement s) {
        return script.derived(WRITE_BLOCKED).get(s.index());
    }

    /** {@link #writeBlocked} of every statement, computed once per script: several rules ask for each statement. */
    private static final ScriptContext.Derived<List<List<String>>> WRITE_BLOCKED = new ScriptContext.Derived<>() {
        @Override
        protected List<List<String>> compute(ScriptContext script) {
            List<List<String>> out = new ArrayList<>(script.statements().size());
            for (LintStatement s : script.statements()) {
                List<String> objects = List.of();
                for (HeldLock l : s.locks()) {
                    if (!l.blocksWrites()) {
                        continue;
                    }
                    String o = Names.normalize(l.object());
                    if (!script.createdBefore(s, o) && !objects.contains(o)) {
                        objects = objects.isEmpty() ? new ArrayList<>(2) : objects;
                        objects.add(o);
                    }
                }
                out.add(objects.isEmpty() ? List.of() : List.copyOf(objects));
            }
            return out;
        }
    };

    static boolean blocksWritesOnExistingTable(ScriptContext script, LintStatement s) {
        return !writeBlocked(script, s).isEmpty();
    }

    /** The first object on which {@code s} takes ACCESS EXCLUSIVE and that the script did not create; null if none. */
    static HeldLock accessExclusive(ScriptContext script, LintStatement s) {
        for (HeldLock l : s.locks()) {
            if (l.mode() == LockLevel.ACCESS_EXCLUSIVE && !script.createdBefore(s, Names.normalize(l.object()))) {
                return l;
            }
        }
        return null;
    }
}
