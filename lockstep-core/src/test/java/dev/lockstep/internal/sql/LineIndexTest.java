package dev.lockstep.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineIndexTest {
    /** Line and column of every offset, counted one character at a time. */
    private static int[][] counted(String text) {
        int[][] out = new int[text.length() + 1][];
        int line = 1;
        int column = 1;
        for (int i = 0; i <= text.length(); i++) {
            out[i] = new int[] {line, column};
            if (i < text.length() && text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return out;
    }

    @Test
    void everyOffsetHasTheLineAndColumnCountedByHand() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) { // more lines than the index starts with room for
            many.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        for (String text : List.of("", "x", "\n", "\n\n\n", "a\nb", "a\nb\n", "SELECT 1;\n\n-- end", many.toString())) {
            int[][] expected = counted(text);
            LineIndex index = new LineIndex(text);
            for (int offset = 0; offset <= text.length(); offset++) {
                assertThat(new int[] {index.line(offset), index.column(offset)})
                        .as("offset %d of %s", offset, text.replace("\n", "\\n"))
                        .containsExactly(expected[offset]);
            }
        }
    }
}
