package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a migration's {@code UPDATE <table> SET ... WHERE ...} in keyset batches over the table's
 * primary key: one transaction per batch, each recording in the history the last key it updated and
 * how many rows, so that an interrupted backfill resumes after that key without redoing or missing
 * rows. Reports progress ({@link BackfillProgress}) and pauses while a replica lags.
 */
final class Backfill {
    private static final long PROGRESS_EVERY_MS = 2000;

    private final RunContext ctx;
    private final HistoryStore history;

    Backfill(RunContext ctx, HistoryStore history) {
        this.ctx = ctx;
        this.history = history;
    }

    /** The parts of the UPDATE, as written. */
    record Parts(String table, String set, String where) {
    }

    /**
     * @param resumeAfter the last key the interrupted run updated, or null to start at the beginning
     * @return how many rows this run updated
     */
    long run(Connection c, PreparedScript script, long historyId, String resumeAfter, String label) throws SQLException {
        Parts parts = parse(script);
        String[] key = primaryKey(c, parts.table(), script);
        String pk = key[0];
        String type = key[1];
        BackfillProgress progress = BackfillProgress.start(c, parts, pk, label, resumeAfter, type);
        int size = script.batch().size();
        String sql = "WITH done AS (UPDATE " + parts.table() + " SET " + parts.set() + " WHERE " + pk + " IN (SELECT "
                + pk + " FROM " + parts.table() + " WHERE " + pk + " > CAST(? AS " + type + ") AND (" + parts.where()
                + ") ORDER BY " + pk + " LIMIT " + size + ") RETURNING " + pk + ") "
                + "SELECT count(*), (SELECT " + pk + " FROM done ORDER BY " + pk + " DESC LIMIT 1)::text FROM done";
        String firstSql = sql.replace(pk + " > CAST(? AS " + type + ") AND ", "");
        String last = resumeAfter;
        long done = 0;
        long started = System.nanoTime();
        long lastReport = started;
        if (resumeAfter != null) {
            ctx.listener().notice(label + ": resuming the backfill of " + parts.table() + " after " + pk + " = " + last);
        }
        while (true) {
            waitForReplicas(c, label);
            long[] count = new long[1];
            String next = batch(c, script, last == null ? firstSql : sql, last, historyId, count);
            if (count[0] == 0) {
                break;
            }
            done += count[0];
            last = next;
            long now = System.nanoTime();
            if (now - lastReport >= PROGRESS_EVERY_MS * 1_000_000L) {
                ctx.listener().progress(progress.line(done, last, now - started));
                lastReport = now;
            }
            if (!script.batch().sleep().isZero()) {
                ctx.sleeper().sleep(script.batch().sleep().toMillis());
            }
        }
        ctx.listener().notice(progress.done(done, System.nanoTime() - started));
        return done;
    }

    /** One batch in its own transaction, with its progress record; retried when its lock times out. */
    private String batch(Connection c, PreparedScript script, String sql, String after, long historyId, long[] count)
            throws SQLException {
        for (int attempt = 0; ; attempt++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(StatementRunner.lockTimeoutSql(script.lockTimeout(), true));
                String last;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (after != null) {
                        ps.setString(1, after);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count[0] = rs.getLong(1);
                        last = rs.getString(2);
                    }
                }
                if (count[0] > 0) {
                    history.markBatch(c, historyId, last, count[0]);
                }
                c.commit();
                return last;
            } catch (SQLException e) {
                c.rollback();
                if (!PgSqlState.LOCK_NOT_AVAILABLE.matches(e) || attempt >= ctx.get(Setting.LOCK_RETRIES)) {
                    throw e;
                }
                ctx.sleeper().sleep(Backoff.delayMillis(attempt, ctx.random()));
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void waitForReplicas(Connection c, String label) throws SQLException {
        Duration max = ctx.get(Setting.MAX_REPLICATION_LAG);
        boolean told = false;
        while (true) {
            double lag;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication")) {
                rs.next();
                lag = rs.getDouble(1);
            }
            if (lag * 1000 <= max.toMillis()) {
                return;
            }
            if (!told) {
                ctx.listener().notice(label + ": backfill paused: a replica lags " + String.format(Locale.ROOT, "%.1fs", lag)
                        + " (max-replication-lag " + Durations.format(max) + ")");
                told = true;
            }
            ctx.sleeper().sleep(1000);
        }
    }

    /** The single-column primary key: its quoted name and its type. */
    private static String[] primaryKey(Connection c, String table, PreparedScript script) throws SQLException {
        String sql = "SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod) FROM pg_index i "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                + "WHERE i.indrelid = to_regclass(?) AND i.indisprimary";
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (columns.size() != 1) {
            throw new LockstepException(ErrorCode.SQL_SYNTAX, script.script().path() + ": -- lockstep:batch walks the "
                    + "primary key, but " + table + " has " + (columns.isEmpty() ? "none" : "a composite one"),
                    "give the table a single-column primary key, or run the UPDATE without lockstep:batch");
        }
        return columns.get(0);
    }

    /** Splits {@code UPDATE [ONLY] table SET ... WHERE ...} at its top-level SET and WHERE. */
    static Parts parse(PreparedScript script) {
        String sql = script.statements().get(0).sql();
        List<Token> tokens = new ArrayList<>();
        Lexer lexer = new Lexer(sql);
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.type().isTrivia()) {
                tokens.add(t);
            }
        }
        int first = tokens.size() > 1 && tokens.get(1).isWord(sql, "ONLY") ? 2 : 1;
        int depth = 0;
        int setAt = -1;
        int whereAt = -1;
        for (int i = first; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.OPEN_PAREN) {
                depth++;
            } else if (t.type() == TokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth == 0 && setAt < 0 && t.isWord(sql, "SET")) {
                setAt = i;
            } else if (depth == 0 && setAt >= 0 && whereAt < 0 && t.isWord(sql, "WHERE")) {
                whereAt = i;
            } else if (depth == 0 && setAt >= 0 && (t.isWord(sql, "FROM") || t.isWord(sql, "RETURNING"))) {
                throw badUpdate(script, "has " + t.text(sql).toUpperCase(Locale.ROOT));
            }
        }
        if (setAt < 0 || whereAt < 0 || first >= setAt) {
            throw badUpdate(script, "has no WHERE");
        }
        String table = sql.substring(tokens.get(first).start(), tokens.get(setAt - 1).end());
        if (setAt - first > 1 && !table.contains(".")) {
            throw badUpdate(script, "gives its table an alias");
        }
        return new Parts(table, sql.substring(tokens.get(setAt).end(), tokens.get(whereAt).start()).strip(),
                sql.substring(tokens.get(whereAt).end()).strip());
    }

    private static LockstepException badUpdate(PreparedScript script, String what) {
        return new LockstepException(ErrorCode.SQL_SYNTAX, script.script().path() + ": the UPDATE of a lockstep:batch "
                + "file " + what + "; it must read UPDATE <table> SET ... WHERE <condition>",
                "write e.g. UPDATE tasks SET priority = 2 WHERE priority IS NULL");
    }
}
