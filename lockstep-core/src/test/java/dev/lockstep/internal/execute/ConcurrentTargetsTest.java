package dev.lockstep.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.sql.SqlStatement;
import dev.lockstep.internal.sql.StatementSplitter;
import org.junit.jupiter.api.Test;

/** What a DETACH ... CONCURRENTLY or a REINDEX ... CONCURRENTLY names, read from the lexed statement. */
class ConcurrentTargetsTest {
    private static SqlStatement statement(String sql) {
        return new StatementSplitter().split(sql).statements().get(0);
    }

    @Test
    void thePartitionOfADetachConcurrentlyAsWritten() {
        assertThat(PendingDetach.partition(statement("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY")))
                .isEqualTo("events_2024");
        assertThat(PendingDetach.partition(statement(
                "alter table if exists app.\"Events\" detach partition app.\"Events 2024\" concurrently")))
                .isEqualTo("app.\"Events 2024\"");
        assertThat(PendingDetach.partition(statement("ALTER TABLE events DETACH PARTITION events_2024")))
                .as("not concurrent").isNull();
        assertThat(PendingDetach.partition(statement("ALTER TABLE events ADD COLUMN x int"))).isNull();
    }

    @Test
    void theTargetOfAReindexConcurrently() {
        assertThat(InDoubtSettler.reindexTarget(statement("REINDEX INDEX CONCURRENTLY t_id")))
                .containsExactly("INDEX", "t_id");
        assertThat(InDoubtSettler.reindexTarget(statement("reindex (verbose) table concurrently app.\"T\"")))
                .containsExactly("TABLE", "app.\"T\"");
        assertThat(InDoubtSettler.reindexTarget(statement("REINDEX (VERBOSE, TABLESPACE fast) SCHEMA CONCURRENTLY app")))
                .containsExactly("SCHEMA", "app");
    }
}
