package dev.lockstep.internal.source;

import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.LineIndex;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;
import java.util.regex.Pattern;

/**
 * A down script kept commented out at the end of an up script, as psql runbooks often do:
 *
 * <pre>
 * CREATE TABLE users (id bigint PRIMARY KEY);
 *
 * -- Down migration (rollback)
 * -- DROP TABLE users;
 * </pre>
 *
 * The heading is a line of its own holding only a line comment that reads {@code Down},
 * {@code Down migration} or {@code Rollback} (any case), optionally followed by a colon or by a remark
 * in parentheses. Everything after it to the end of the file must be comments or blank lines; the down
 * script is those lines with their leading {@code --} (and one space after it) removed. It must hold at
 * least one statement, and each must be of a kind the classifier knows (CREATE, DROP, ALTER, UPDATE...),
 * so that commented prose is never taken for SQL. Anything else is only a comment.
 */
final class CommentedDown {
    private static final Pattern HEADING = Pattern.compile(
            "(?i)--\\s*(down|down\\s+migration|rollback)\\s*(:|\\(.*\\))?\\s*");

    private CommentedDown() {
    }

    /** The commented-out down script at the end of {@code up}, or null when it has none. */
    static Script of(Script up) {
        String text = up.text();
        if (!up.mayMention("down") && !up.mayMention("rollback")) {
            return null;
        }
        Lexer lexer = new Lexer(text);
        Token heading = null;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.type().isTrivia()) {
                heading = null;
            } else if (heading == null && t.type() == TokenType.LINE_COMMENT && HEADING.matcher(t.text(text)).matches()
                    && aloneOnItsLine(text, t)) {
                heading = t;
            }
        }
        if (heading == null) {
            return null;
        }
        int from = text.indexOf('\n', heading.end());
        if (from < 0) {
            return null;
        }
        StringBuilder down = new StringBuilder();
        String rest = text.substring(from + 1);
        for (String line : (rest.endsWith("\n") ? rest.substring(0, rest.length() - 1) : rest).split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith("--")) {
                s = s.substring(2);
                down.append(s.startsWith(" ") ? s.substring(1) : s);
            } else {
                down.append(line);
            }
            down.append('\n');
        }
        SplitResult split = new StatementSplitter().split(down.toString());
        if (!split.ok() || split.statements().isEmpty()) {
            return null;
        }
        for (SqlStatement s : split.statements()) {
            if (s.info().kind() == StatementKind.OTHER) {
                return null;
            }
        }
        int firstLine = up.fileLine(new LineIndex(text).line(from + 1));
        return new Script(up.path(), up.name(), down.toString(), firstLine);
    }

    private static boolean aloneOnItsLine(String text, Token t) {
        for (int i = t.start() - 1; i >= 0 && text.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
