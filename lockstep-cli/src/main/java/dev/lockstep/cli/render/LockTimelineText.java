package dev.lockstep.cli.render;

import dev.lockstep.cli.Console;
import dev.lockstep.lint.LockTimeline;
import java.util.List;

/** {@code lint --explain} as text: per statement, the locks it takes, what they block and until where. */
public final class LockTimelineText {
    private LockTimelineText() {
    }

    public static void render(Console console, List<LockTimeline> timelines) {
        for (LockTimeline t : timelines) {
            console.println(t.file() + " (PostgreSQL " + t.pgVersion() + ", " + t.transactions() + " transaction"
                    + (t.transactions() == 1 ? "" : "s") + ")");
            for (LockTimeline.Step s : t.steps()) {
                String where = "  " + s.line() + ": ";
                console.println(where + s.statement());
                String indent = " ".repeat(where.length());
                if (s.transaction() == null) {
                    console.println(indent + "transaction control");
                    continue;
                }
                if (s.locks().isEmpty()) {
                    console.println(indent + "no table lock · transaction " + s.transaction());
                    continue;
                }
                for (LockTimeline.Lock l : s.locks()) {
                    console.println(indent + l.mode() + " on " + l.on() + " · blocks " + l.blocks() + " · held until "
                            + s.heldUntil() + " · transaction " + s.transaction());
                }
            }
            console.println("");
        }
    }
}
