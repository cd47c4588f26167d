package dev.lockstep.internal.execute;

import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.LineIndex;
import dev.lockstep.internal.sql.SqlStatement;
import java.time.Duration;
import java.util.List;

/**
 * A script ready to run: its statements, whether they run in one transaction or one by one in
 * autocommit, and the lock timeout that applies.
 *
 * @param reason why the script runs outside a transaction, for the plan; null when transactional
 * @param blocks the script's own {@code BEGIN ... COMMIT} blocks, which run as written (then not transactional)
 */
public record PreparedScript(Script script, List<SqlStatement> statements, boolean transactional, String reason,
                             Duration lockTimeout, LineIndex lines, dev.lockstep.internal.source.Directives.Batch batch,
                             ExplicitBlocks blocks) {

    public PreparedScript(Script script, List<SqlStatement> statements, boolean transactional, String reason,
                          Duration lockTimeout, LineIndex lines, dev.lockstep.internal.source.Directives.Batch batch) {
        this(script, statements, transactional, reason, lockTimeout, lines, batch, ExplicitBlocks.NONE);
    }

    /** How many blocks of its own the script has. */
    public int blockCount() {
        return blocks.blocks().size();
    }

    /** {@code file:line:column} of a character offset in the script text. */
    public String location(int offset) {
        return script.path() + ":" + script.fileLine(lines.line(offset)) + ":" + lines.column(offset);
    }
}
