package dev.lockstep.internal.execute;

import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Groups a transactional script's statements into runs that can be sent together as one JDBC batch
 * (pipelined: one round trip instead of one per statement). A statement joins a batch only when it
 * certainly returns no rows, since a batch cannot carry a result set; everything else (SELECT, CALL,
 * DML with RETURNING or too long to tell, COPY, unknown statements) runs on its own.
 */
final class StatementGroups {
    private static final Set<StatementKind> MAY_RETURN_ROWS = EnumSet.of(StatementKind.SELECT, StatementKind.CALL,
            StatementKind.OTHER, StatementKind.COPY, StatementKind.COPY_FROM_STDIN, StatementKind.TRANSACTION_CONTROL);
    private static final Set<StatementKind> DML = EnumSet.of(StatementKind.INSERT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.MERGE);

    private StatementGroups() {
    }

    /** Consecutive ranges {@code [from, to)} covering every statement in order. */
    static List<int[]> of(List<SqlStatement> statements) {
        List<int[]> groups = new ArrayList<>();
        int i = 0;
        while (i < statements.size()) {
            int from = i;
            if (batchable(statements.get(i))) {
                while (i < statements.size() && batchable(statements.get(i))) {
                    i++;
                }
            } else {
                i++;
            }
            groups.add(new int[] {from, i});
        }
        return groups;
    }

    static boolean batchable(SqlStatement s) {
        StatementKind kind = s.info().kind();
        if (MAY_RETURN_ROWS.contains(kind) || s.hasCopyData()) {
            return false;
        }
        if (DML.contains(kind)) {
            // The classifier keeps the first tokens only; a longer statement might say RETURNING later.
            return s.words().size() < dev.lockstep.internal.sql.StatementSplitter.MAX_WORDS
                    && s.words().stream().noneMatch(w -> w.equalsIgnoreCase("RETURNING"));
        }
        return true;
    }
}
