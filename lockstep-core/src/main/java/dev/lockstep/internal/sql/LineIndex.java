package dev.lockstep.internal.sql;

import java.util.Arrays;

/** Maps character offsets of a text to 1-based line and column numbers. */
public final class LineIndex {
    private final int[] lineStarts;

    public LineIndex(CharSequence text) {
        int[] starts = new int[16];
        int count = 1;
        // A String is searched with indexOf, which the JDK has compiled long before this runs; a short command
        // would otherwise walk every character of every file in the interpreter.
        String string = text instanceof String s ? s : null;
        int at = string != null ? string.indexOf('\n') : next(text, 0);
        while (at >= 0) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = at + 1;
            at = string != null ? string.indexOf('\n', at + 1) : next(text, at + 1);
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    private static int next(CharSequence text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The 1-based line of an offset. */
    public int line(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** The 1-based column of an offset. */
    public int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }
}
