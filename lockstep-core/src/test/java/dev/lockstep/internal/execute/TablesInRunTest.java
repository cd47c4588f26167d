package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.sql.LockLevel;
import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesInRunTest {
    private static final TableStats BIG = new TableStats(true, 1_000_000, 100L << 20);

    private static TablesInRun.Step step(String label, String sql) {
        return new TablesInRun.Step(label, new StatementSplitter().split(sql).statements());
    }

    @Test
    void onlyWriteBlockingStatementsOnTablesThatWereThereBeforeTheRunNeedALookForBlockers() {
        TablesInRun.Step one = step("migration 1", "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);");
        TablesInRun.Step two = step("migration 2", "ALTER TABLE t ADD COLUMN x int;\nALTER TABLE accounts ADD COLUMN y int;\n"
                + "INSERT INTO accounts VALUES (1);");
        TablesInRun tables = TablesInRun.of(List.of(one, two), Map.of("t", TableStats.ABSENT, "accounts", BIG));

        assertThat(tables.inUse(one.statements())).isEmpty();
        assertThat(tables.inUse(two.statements())).extracting(SqlStatement::sql)
                .containsExactly("ALTER TABLE accounts ADD COLUMN y int");
        assertThat(tables.newness(1, 0, "t")).isEqualTo("t is created in this run (migration 1)");
        assertThat(tables.newness(0, 0, "t")).isEqualTo("t does not exist before this run");
        assertThat(tables.newness(1, 1, "public.accounts")).isNull();
    }

    @Test
    void aTableDroppedAndCreatedAgainIsNewButCreateIfNotExistsOfAnExistingTableCreatesNothing() {
        TablesInRun.Step drop = step("migration 1", "DROP TABLE a;\nCREATE TABLE a (id int);\nCREATE INDEX a_id ON a (id);");
        TablesInRun.Step keep = step("migration 2", "CREATE TABLE IF NOT EXISTS b (id int);\nCREATE INDEX b_id ON b (id);");
        TablesInRun tables = TablesInRun.of(List.of(drop, keep), Map.of("a", BIG, "b", BIG));

        assertThat(tables.inUse(drop.statements())).extracting(SqlStatement::sql).containsExactly("DROP TABLE a");
        assertThat(tables.inUse(keep.statements())).extracting(SqlStatement::sql)
                .containsExactly("CREATE INDEX b_id ON b (id)");
    }

    @Test
    void withoutACatalogEveryStatementIsChecked() {
        TablesInRun.Step one = step("migration 1", "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);");
        assertThat(TablesInRun.UNKNOWN.inUse(one.statements())).hasSize(2);
    }

    @Test
    void oneLookPerLockLevelWantsTheWeakestLockThatCoversBoth() {
        assertThat(TrafficGuard.covering(LockLevel.SHARE, LockLevel.SHARE_UPDATE_EXCLUSIVE))
                .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(TrafficGuard.covering(LockLevel.SHARE, LockLevel.ACCESS_EXCLUSIVE)).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(TrafficGuard.covering(LockLevel.SHARE_UPDATE_EXCLUSIVE, LockLevel.SHARE_UPDATE_EXCLUSIVE))
                .isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        assertThat(TableStats.size(3L << 20)).isEqualTo("3.0 MB");
    }
}
