package dev.lockstep.internal.sql;

import java.util.List;

/**
 * One statement of a script: its text without the terminating semicolon, where it starts, its
 * significant tokens (no comments or space) for classification, and for {@code COPY ... FROM stdin}
 * the data that followed it.
 *
 * @param index 0-based position in the script
 * @param offset offset of the statement's first character in the script
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 */
public record SqlStatement(int index, String sql, int offset, int line, int column,
                           List<String> words, String copyData, StatementInfo info) {

    public boolean hasCopyData() {
        return copyData != null;
    }
}
