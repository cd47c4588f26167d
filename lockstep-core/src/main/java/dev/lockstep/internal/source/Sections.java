package dev.lockstep.internal.source;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.LineIndex;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.util.Locale;

/**
 * Splits a numbered migration file into its up and down sections: {@code -- migrate:up} and
 * {@code -- migrate:down} (dbmate's format) or {@code -- +goose Up} and {@code -- +goose Down} (goose's).
 * The markers are found as comment tokens, so a marker-like line inside a string or a function body is
 * not one. goose's {@code -- +goose NO TRANSACTION} turns the transaction off; its
 * {@code StatementBegin}/{@code StatementEnd} need nothing (statements are split by reading the SQL);
 * its {@code ENVSUB ON} would have goose substitute environment variables into the SQL, which Lockstep
 * does not do, so it is refused rather than run as written.
 */
final class Sections {
    private static final String UP = "migrate:up";
    private static final String DOWN = "migrate:down";
    private static final String GOOSE = "+goose";

    /**
     * @param down null when the file has no down section or it holds nothing to run
     * @param starts where each section's script begins in the file (empty when the file has no sections)
     */
    record Split(Script up, Script down, boolean transactionOff, java.util.List<Integer> starts,
                 boolean downTransactionOff) {
        Split(Script up, Script down, boolean transactionOff, java.util.List<Integer> starts) {
            this(up, down, transactionOff, starts, false);
        }
    }

    static Split of(Script file) {
        String path = file.path();
        String text = file.text();
        if (!file.mayMention("migrate:") && !file.mayMention(GOOSE)) {
            return new Split(file, null, false, java.util.List.of());
        }
        Lexer lexer = new Lexer(text);
        Token up = null;
        Token down = null;
        boolean gooseNoTransaction = false;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (t.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            String body = t.text(text).substring(2).strip().toLowerCase(Locale.ROOT);
            String goose = body.startsWith(GOOSE) ? withoutSpace(body.substring(GOOSE.length())) : null;
            if (t.start() > 0 && text.charAt(t.start() - 1) != '\n' && (goose != null || body.startsWith(UP)
                    || body.startsWith(DOWN))) {
                // dbmate reads a marker only at the start of a line (an indented one is a comment, and what
                // follows runs as part of the migration), goose refuses it: either way not what it looks like
                throw new LockstepException(ErrorCode.MIGRATION_FILES, path + ":" + new LineIndex(text).line(t.start())
                        + ": " + t.text(text).strip() + " is not at the start of its line, where dbmate and goose read "
                        + "section markers; nothing was run", "move it to the start of the line if it marks a section, "
                        + "or reword the comment");
            }
            if (up == null && (body.startsWith(UP) || "up".equals(goose))) {
                up = t;
            } else if (down == null && (body.startsWith(DOWN) || "down".equals(goose))) {
                down = t;
            } else if ("notransaction".equals(goose)) {
                gooseNoTransaction = true;
            } else if ("envsubon".equals(goose)) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, path + ":" + new LineIndex(text).line(t.start())
                        + ": -- +goose ENVSUB ON asks for environment variables to be substituted into the SQL, which "
                        + "Lockstep does not do; nothing was run", "write the values into the file (or generate it), "
                        + "and remove the ENVSUB lines");
            }
        }
        if (up == null && down != null) {
            // Read as one script, the down section would run as part of the migration.
            throw new LockstepException(ErrorCode.MIGRATION_FILES, path + ":" + new LineIndex(text).line(down.start())
                    + ": the file has a down section (" + down.text(text).strip() + ") but no up section marker above it, "
                    + "so where the migration ends is unknown; nothing was run", "add -- migrate:up (dbmate) or "
                    + "-- +goose Up (goose) above the migration's statements");
        }
        if (up == null) {
            return new Split(file, null, false, java.util.List.of());
        }
        LineIndex lines = new LineIndex(text);
        boolean transactionOff = gooseNoTransaction
                || up.text(text).toLowerCase(Locale.ROOT).contains("transaction:false");
        int upEnd = down != null && down.start() > up.end() ? down.start() : text.length();
        Script upScript = section(file, lines, up.end(), upEnd);
        Script downScript = null;
        if (down != null && down.start() > up.end()) {
            Script candidate = section(file, lines, down.end(), text.length());
            downScript = hasStatements(candidate.text()) ? candidate : null;
        }
        java.util.List<Integer> starts = down != null && down.start() > up.end() ? java.util.List.of(up.end(), down.end())
                : java.util.List.of(up.end());
        // goose's NO TRANSACTION is the whole file's; dbmate says it per section.
        boolean downTransactionOff = gooseNoTransaction || (downScript != null
                && down.text(text).toLowerCase(Locale.ROOT).contains("transaction:false"));
        return new Split(upScript, downScript, transactionOff, starts, downTransactionOff);
    }

    /** goose's annotation without its spaces: {@code NO  TRANSACTION} and {@code NO TRANSACTION} are one. */
    private static String withoutSpace(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    private static Script section(Script file, LineIndex lines, int from, int to) {
        int start = Math.min(to, from);
        return new Script(file.path(), file.name(), file.text().substring(start, to), lines.line(start));
    }

    static boolean hasStatements(String text) {
        Lexer lexer = new Lexer(text);
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.type().isTrivia() && t.type() != TokenType.SEMICOLON) {
                return true;
            }
        }
        return false;
    }
}
