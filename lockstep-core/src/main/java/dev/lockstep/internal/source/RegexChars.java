package dev.lockstep.internal.source;

/**
 * The character classes of Java's regular expressions that the hand-written readers of file names,
 * directive words and down headings follow (they are written by hand because the JDK compiles a
 * regular expression with lambdas, which lint's path links none of: docs/architecture.md).
 */
final class RegexChars {
    private RegexChars() {
    }

    /** {@code \s}: ASCII white space only. */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** What {@code .} does not match: the line terminators. */
    static boolean lineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Whether {@code s[from, to)} holds a line terminator. */
    static boolean lineBreakIn(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (lineBreak(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
