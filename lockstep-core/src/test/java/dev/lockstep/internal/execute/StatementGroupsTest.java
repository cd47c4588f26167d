package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.sql.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementGroupsTest {

    private static List<int[]> groups(String script) {
        return StatementGroups.of(new StatementSplitter().split(script).statements());
    }

    @Test
    void pipelinesRunsOfStatementsThatReturnNoRows() {
        List<int[]> g = groups("CREATE TABLE a (id int); INSERT INTO a VALUES (1); SELECT setval('s', 1); "
                + "ALTER TABLE a ADD COLUMN b int; UPDATE a SET b = 1 RETURNING id; COMMENT ON TABLE a IS 'x';");
        assertThat(g).extracting(r -> r[0] + "-" + r[1]).containsExactly("0-2", "2-3", "3-4", "4-5", "5-6");
    }

    @Test
    void copyAndCallRunOnTheirOwn() {
        List<int[]> g = groups("CREATE TABLE t (a int);\nCOPY t FROM stdin;\n1\n\\.\nCALL p();\nCREATE TABLE u (a int);");
        assertThat(g).extracting(r -> r[0] + "-" + r[1]).containsExactly("0-1", "1-2", "2-3", "3-4");
    }

    @Test
    void aLongDmlStatementIsNotBatchedSinceItsEndIsNotClassified() {
        StringBuilder values = new StringBuilder("INSERT INTO t VALUES ");
        for (int i = 0; i < 40; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(")");
        }
        values.append(" RETURNING id");
        var s = new StatementSplitter().split(values.toString()).statements().get(0);
        assertThat(StatementGroups.batchable(s)).isFalse();
    }
}
