package dev.lockstep.internal.lint;

import dev.lockstep.lint.LockTimeline;
import java.util.ArrayList;
import java.util.List;

/** Builds a script's {@link LockTimeline} from its statements' locks and the transactions they run in. */
final class LockTimelines {
    private LockTimelines() {
    }

    static LockTimeline of(ScriptContext script, int pgVersion) {
        List<LockTimeline.Step> steps = new ArrayList<>();
        for (LintStatement s : script.statements()) {
            Transaction t = script.transactionOf(s);
            List<LockTimeline.Lock> locks = new ArrayList<>();
            for (HeldLock l : s.locks()) {
                locks.add(new LockTimeline.Lock(l.mode().sqlName(), l.object(), l.blocksReads(), l.blocksWrites(),
                        l.blocks()));
            }
            String kind = s.kind().name().replace('_', ' ');
            if (t == null) {
                steps.add(new LockTimeline.Step(s.line(), s.column(), s.firstLine(), kind, null, List.of(), "", null));
            } else {
                boolean own = !t.block();
                steps.add(new LockTimeline.Step(s.line(), s.column(), s.firstLine(), kind, t.id() + 1, List.copyOf(locks),
                        own ? "end of statement" : t.releasedAt(), own ? Integer.valueOf(s.line()) : t.releasedAtLine()));
            }
        }
        return new LockTimeline(script.path(), pgVersion, script.transactions().size(), List.copyOf(steps));
    }
}
