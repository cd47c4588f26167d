package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlProblem;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.StatementSplitter;
import java.time.Duration;
import java.util.List;

/**
 * Splits a script and decides how it runs: in one transaction, unless a statement cannot run in a
 * transaction block or the script says {@code -- lockstep:transaction off}. A script wrapped in one
 * {@code BEGIN; ... COMMIT;} (common in psql files) is unwrapped, since Lockstep's own transaction does
 * the same; a script with other {@code BEGIN ... COMMIT} blocks runs them as written
 * ({@link ExplicitBlocks}).
 */
public final class ScriptPreparer {
    private final StatementSplitter splitter = new StatementSplitter();

    public PreparedScript prepare(Script script, Directives directives, Duration defaultLockTimeout) {
        SplitResult split = splitter.split(script.text());
        if (!split.ok()) {
            SqlProblem p = split.problems().get(0);
            throw new LockstepException(ErrorCode.SQL_SYNTAX,
                    script.path() + ":" + script.fileLine(p.line()) + ":" + p.column() + ": " + p.message(),
                    "fix the file; nothing was applied");
        }
        List<SqlStatement> statements = split.statements();
        ExplicitBlocks blocks = ExplicitBlocks.of(script, statements);
        if (blocks.wrapsWhole(statements)) {
            // One block around the whole file: Lockstep's own transaction, with the history row in it, is the same.
            statements = List.copyOf(statements.subList(1, statements.size() - 1));
            blocks = ExplicitBlocks.NONE;
        }
        SqlStatement nonTransactional = null;
        for (SqlStatement s : statements) {
            if (!s.info().transactional() && nonTransactional == null) {
                nonTransactional = s;
            }
        }
        Duration lockTimeout = directives.lockTimeout() != null ? directives.lockTimeout() : defaultLockTimeout;
        if (lockTimeout.isZero() || lockTimeout.isNegative()) {
            // PostgreSQL reads lock_timeout 0 as no limit: a blocked statement would stall traffic indefinitely.
            String where = directives.lockTimeout() != null ? script.path() + ": -- lockstep:lock-timeout" : "lock-timeout";
            throw new LockstepException(ErrorCode.CONFIG, where + " is " + lockTimeout.toMillis() + "ms, not above zero; "
                    + "PostgreSQL reads 0 as no limit, so a blocked statement would queue every query behind it",
                    "give a positive duration such as 1s");
        }
        if (directives.batch() != null) {
            if (statements.size() != 1 || statements.get(0).info().kind() != StatementKind.UPDATE) {
                throw new LockstepException(ErrorCode.SQL_SYNTAX, script.path() + ": -- lockstep:batch needs the file "
                        + "to hold exactly one UPDATE ... WHERE ... statement (it has " + statements.size() + ")",
                        "put the backfill in a migration of its own");
            }
            return new PreparedScript(script, statements, false, "batched backfill (-- lockstep:batch size="
                    + directives.batch().size() + "): one transaction per batch", lockTimeout, split.lines(),
                    directives.batch());
        }
        if (!blocks.isEmpty()) {
            if (Boolean.TRUE.equals(directives.transaction())) {
                throw new LockstepException(ErrorCode.SQL_SYNTAX, script.path() + ": the file says -- lockstep:"
                        + "transaction on, but its BEGIN ... COMMIT blocks each commit on their own",
                        "remove the directive, or remove the BEGIN and COMMIT lines to run the file as one transaction");
            }
            return new PreparedScript(script, statements, false, blocksReason(script, statements, blocks), lockTimeout,
                    split.lines(), null, blocks);
        }
        if (Boolean.FALSE.equals(directives.transaction())) {
            return new PreparedScript(script, statements, false, "-- lockstep:transaction off", lockTimeout,
                    split.lines(), null);
        }
        if (nonTransactional != null) {
            if (Boolean.TRUE.equals(directives.transaction())) {
                throw new LockstepException(ErrorCode.SQL_SYNTAX, location(script, nonTransactional) + ": '"
                        + firstLine(nonTransactional.sql()) + "' cannot run inside a transaction block, but the file says "
                        + "-- lockstep:transaction on", "remove the directive, or move the statement to a migration of its own");
            }
            String reason = nonTransactional.info().kind().name().replace('_', ' ') + " at line "
                    + script.fileLine(nonTransactional.line()) + " cannot run in a transaction";
            return new PreparedScript(script, statements, false, reason, lockTimeout, split.lines(), null);
        }
        return new PreparedScript(script, statements, true, null, lockTimeout, split.lines(), null);
    }

    private static String blocksReason(Script script, List<SqlStatement> statements, ExplicitBlocks blocks) {
        List<String> lines = blocks.blocks().stream().map(b -> script.fileLine(statements.get(b.begin()).line()) + "-"
                + script.fileLine(statements.get(b.end()).line())).toList();
        int inside = blocks.blocks().stream().mapToInt(b -> b.end() - b.begin() + 1).sum();
        int n = blocks.blocks().size();
        return n + " BEGIN ... COMMIT block" + (n == 1 ? "" : "s") + " as written (lines " + String.join(", ", lines)
                + "): each block is one transaction" + (inside < statements.size()
                ? ", each statement outside them commits on its own" : "");
    }

    static String location(Script script, SqlStatement s) {
        return script.path() + ":" + script.fileLine(s.line()) + ":" + s.column();
    }

    static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        String line = nl < 0 ? sql : sql.substring(0, nl) + " ...";
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
