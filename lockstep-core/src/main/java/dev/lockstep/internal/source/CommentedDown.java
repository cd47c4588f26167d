package dev.lockstep.internal.source;

import dev.lockstep.internal.sql.Lexer;
import dev.lockstep.internal.sql.LineIndex;
import dev.lockstep.internal.sql.SplitResult;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.internal.sql.StatementSplitter;
import dev.lockstep.internal.sql.Token;
import dev.lockstep.internal.sql.TokenType;

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

    private CommentedDown() {
    }

    /** The commented-out down script at the end of {@code up}, or null when it has none. */
    static Script of(Script up) {
        // Most scripts cannot have one; the search is a method of its own, which the JIT need not compile.
        return up.mayMention("down") || up.mayMention("rollback") ? find(up) : null;
    }

    private static Script find(Script up) {
        String text = up.text();
        Lexer lexer = new Lexer(text);
        Token heading = null;
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            if (!t.type().isTrivia()) {
                heading = null;
            } else if (heading == null && t.type() == TokenType.LINE_COMMENT && isHeading(t.text(text))
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

    /**
     * Whether a line comment is a down heading: {@code (?i)--\\s*(down|down\\s+migration|rollback)\\s*(:|\\(.*\\))?\\s*}
     * as a whole, written out because the JDK compiles a regular expression with lambdas and lint's path
     * links none (docs/architecture.md).
     */
    static boolean isHeading(String comment) {
        if (!comment.startsWith("--")) {
            return false;
        }
        int i = skipSpace(comment, 2);
        if (startsWithIgnoringAsciiCase(comment, i, "down")) {
            i += 4;
            int j = skipSpace(comment, i);
            if (j > i && startsWithIgnoringAsciiCase(comment, j, "migration")) {
                i = j + 9;
            }
        } else if (startsWithIgnoringAsciiCase(comment, i, "rollback")) {
            i += 8;
        } else {
            return false;
        }
        i = skipSpace(comment, i);
        if (i < comment.length() && comment.charAt(i) == ':') {
            i++;
        } else if (i < comment.length() && comment.charAt(i) == '(') {
            // \(.*\) then only white space: the last other character closes it, no line break between.
            int last = comment.length() - 1;
            while (last > i && RegexChars.space(comment.charAt(last))) {
                last--;
            }
            if (last == i || comment.charAt(last) != ')') {
                return false;
            }
            if (RegexChars.lineBreakIn(comment, i + 1, last)) {
                return false;
            }
            i = last + 1;
        }
        return skipSpace(comment, i) == comment.length();
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && RegexChars.space(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code (?i)} without Unicode case: ASCII letters only. */
    private static boolean startsWithIgnoringAsciiCase(String s, int at, String lowerWord) {
        if (at + lowerWord.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = s.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
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
