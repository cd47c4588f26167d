package dev.lockstep.internal.source;

import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.LineIndex;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.util.Locale;

/**
 * Splits a numbered migration file into its {@code -- migrate:up} and {@code -- migrate:down}
 * sections (dbmate's format). The markers are found as comment tokens, so a marker-like line inside
 * a string or a function body is not one.
 */
final class Sections {
    private static final String UP = "migrate:up";
    private static final String DOWN = "migrate:down";

    /**
     * @param down null when the file has no down section or it holds nothing to run
     * @param starts where each section's script begins in the file (empty when the file has no sections)
     */
    record Split(Script up, Script down, boolean transactionOff, java.util.List<Integer> starts) {
    }

    static Split of(Script file) {
        String path = file.path();
        String text = file.text();
        if (!file.mayMention("migrate:")) {
            return new Split(file, null, false, java.util.List.of());
        }
        Lexer lexer = new Lexer(text);
        Token up = null;
        Token down = null;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (t.type() != TokenType.LINE_COMMENT) {
                continue;
            }
            String body = t.text(text).substring(2).strip().toLowerCase(Locale.ROOT);
            if (up == null && body.startsWith(UP)) {
                up = t;
            } else if (down == null && body.startsWith(DOWN)) {
                down = t;
            }
        }
        if (up == null) {
            return new Split(file, null, false, java.util.List.of());
        }
        LineIndex lines = new LineIndex(text);
        boolean transactionOff = up.text(text).toLowerCase(Locale.ROOT).contains("transaction:false");
        int upEnd = down != null && down.start() > up.end() ? down.start() : text.length();
        Script upScript = section(file, lines, up.end(), upEnd);
        Script downScript = null;
        if (down != null && down.start() > up.end()) {
            Script candidate = section(file, lines, down.end(), text.length());
            downScript = hasStatements(candidate.text()) ? candidate : null;
        }
        java.util.List<Integer> starts = down != null && down.start() > up.end() ? java.util.List.of(up.end(), down.end())
                : java.util.List.of(up.end());
        return new Split(upScript, downScript, transactionOff, starts);
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
