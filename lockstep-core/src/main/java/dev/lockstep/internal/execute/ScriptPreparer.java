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
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script and decides how it runs: in one transaction, unless a statement cannot run in a
 * transaction block or the script says {@code -- lockstep:transaction off}. A script wrapped in its own
 * {@code BEGIN; ... COMMIT;} (common in psql files) is unwrapped, since Lockstep owns the transaction;
 * any other transaction control statement is an error.
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
        List<SqlStatement> statements = unwrap(script, split.statements());
        SqlStatement nonTransactional = null;
        for (SqlStatement s : statements) {
            if (s.info().kind() == StatementKind.TRANSACTION_CONTROL) {
                throw new LockstepException(ErrorCode.SQL_SYNTAX, location(script, s) + ": transaction control statement '"
                        + firstLine(s.sql()) + "' inside a migration",
                        "Lockstep runs each migration in its own transaction: remove BEGIN/COMMIT, or split the file "
                                + "into two migrations");
            }
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

    private static List<SqlStatement> unwrap(Script script, List<SqlStatement> statements) {
        if (statements.size() >= 2 && isWord(statements.get(0), "BEGIN", "START")
                && isWord(statements.get(statements.size() - 1), "COMMIT", "END")) {
            List<SqlStatement> inner = new ArrayList<>(statements.subList(1, statements.size() - 1));
            return List.copyOf(inner);
        }
        return statements;
    }

    private static boolean isWord(SqlStatement s, String a, String b) {
        if (s.info().kind() != StatementKind.TRANSACTION_CONTROL || s.words().isEmpty()) {
            return false;
        }
        String w = s.words().get(0);
        return w.equalsIgnoreCase(a) || w.equalsIgnoreCase(b);
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
