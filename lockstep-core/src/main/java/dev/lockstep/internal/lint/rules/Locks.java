package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.ScriptContext;

/** Which statements take a lock that blocks other sessions' writes on a table that existed before the script. */
final class Locks {
    private Locks() {
    }

    static boolean blocksWritesOnExistingTable(ScriptContext script, LintStatement s) {
        return s.lock().blocksWrites() && s.table() != null && !script.createdBefore(s, s.table());
    }
}
