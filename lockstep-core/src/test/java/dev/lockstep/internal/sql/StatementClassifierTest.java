package dev.lockstep.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementClassifierTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("CREATE TABLE users (id bigint)", StatementKind.CREATE_TABLE, true, List.of("users")),
                Arguments.of("create table if not exists app.users (id int)", StatementKind.CREATE_TABLE, true,
                        List.of("app.users")),
                Arguments.of("CREATE TABLE t2 AS SELECT * FROM t", StatementKind.CREATE_TABLE_AS, true, List.of("t2")),
                Arguments.of("CREATE INDEX idx ON users (email)", StatementKind.CREATE_INDEX, true, List.of("users")),
                Arguments.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY public.users (email)",
                        StatementKind.CREATE_INDEX_CONCURRENTLY, false, List.of("public.users")),
                Arguments.of("create index concurrently on users (email)", StatementKind.CREATE_INDEX_CONCURRENTLY, false,
                        List.of("users")),
                Arguments.of("DROP INDEX CONCURRENTLY IF EXISTS idx", StatementKind.DROP_INDEX_CONCURRENTLY, false, List.of()),
                Arguments.of("DROP INDEX idx", StatementKind.DROP_INDEX, true, List.of()),
                Arguments.of("REINDEX INDEX CONCURRENTLY idx", StatementKind.REINDEX_CONCURRENTLY, false, List.of()),
                Arguments.of("REINDEX (VERBOSE) TABLE t", StatementKind.REINDEX, true, List.of()),
                Arguments.of("REINDEX DATABASE app", StatementKind.REINDEX_DATABASE, false, List.of()),
                Arguments.of("ALTER TABLE t DETACH PARTITION p CONCURRENTLY", StatementKind.ALTER_TABLE_DETACH_PARTITION_CONCURRENTLY,
                        false, List.of("t")),
                Arguments.of("ALTER TABLE ONLY \"Users\" ADD COLUMN x int", StatementKind.ALTER_TABLE, true, List.of("\"Users\"")),
                Arguments.of("ALTER TABLE t VALIDATE CONSTRAINT c", StatementKind.ALTER_TABLE_VALIDATE_CONSTRAINT, true,
                        List.of("t")),
                Arguments.of("ALTER TABLE a ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES b (id) NOT VALID",
                        StatementKind.ALTER_TABLE_ADD_FOREIGN_KEY, true, List.of("a")),
                Arguments.of("ALTER TABLE a ADD COLUMN x int, ADD CONSTRAINT fk FOREIGN KEY (x) REFERENCES b (id)",
                        StatementKind.ALTER_TABLE, true, List.of("a")),
                Arguments.of("ALTER TYPE mood ADD VALUE 'meh'", StatementKind.ALTER_TYPE_ADD_VALUE, true, List.of()),
                Arguments.of("VACUUM ANALYZE t", StatementKind.VACUUM, false, List.of()),
                Arguments.of("VACUUM (FULL, VERBOSE) t", StatementKind.VACUUM_FULL, false, List.of()),
                Arguments.of("CLUSTER", StatementKind.CLUSTER_ALL, false, List.of()),
                Arguments.of("CLUSTER t USING idx", StatementKind.CLUSTER, true, List.of("t")),
                Arguments.of("CREATE DATABASE x", StatementKind.CREATE_DATABASE, false, List.of()),
                Arguments.of("DROP DATABASE x", StatementKind.DROP_DATABASE, false, List.of()),
                Arguments.of("ALTER SYSTEM SET work_mem = '64MB'", StatementKind.ALTER_SYSTEM, false, List.of()),
                Arguments.of("CREATE TABLESPACE s LOCATION '/x'", StatementKind.CREATE_TABLESPACE, false, List.of()),
                Arguments.of("COMMIT PREPARED 'x'", StatementKind.COMMIT_PREPARED, false, List.of()),
                Arguments.of("INSERT INTO app.t (a) VALUES (1)", StatementKind.INSERT, true, List.of("app.t")),
                Arguments.of("UPDATE ONLY t SET a = 1", StatementKind.UPDATE, true, List.of("t")),
                Arguments.of("DELETE FROM t WHERE a = 1", StatementKind.DELETE, true, List.of("t")),
                Arguments.of("WITH x AS (SELECT 1) UPDATE t SET a = 1", StatementKind.UPDATE, true, List.of("t")),
                Arguments.of("COPY t (a) FROM stdin", StatementKind.COPY_FROM_STDIN, true, List.of("t")),
                Arguments.of("CREATE TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()",
                        StatementKind.CREATE_TRIGGER, true, List.of("t")),
                Arguments.of("CREATE POLICY p ON docs USING (true)", StatementKind.CREATE_POLICY, true, List.of("docs")),
                Arguments.of("DROP TABLE IF EXISTS a, b.c", StatementKind.DROP_TABLE, true, List.of("a", "b.c")),
                Arguments.of("TRUNCATE TABLE t", StatementKind.TRUNCATE, true, List.of("t")),
                Arguments.of("DO $$ BEGIN END $$", StatementKind.DO_BLOCK, true, List.of()),
                Arguments.of("BEGIN", StatementKind.TRANSACTION_CONTROL, true, List.of()),
                Arguments.of("START TRANSACTION", StatementKind.TRANSACTION_CONTROL, true, List.of()),
                Arguments.of("SELECT 1", StatementKind.SELECT, true, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void classifiesKindTransactionalityAndTables(String sql, StatementKind kind, boolean transactional,
                                                 List<String> tables) {
        SqlStatement s = new StatementSplitter().split(sql).statements().get(0);
        assertThat(s.info().kind()).isEqualTo(kind);
        assertThat(s.info().transactional()).isEqualTo(transactional);
        assertThat(s.info().tables()).containsExactlyElementsOf(tables);
    }

    static Stream<Arguments> locks() {
        return Stream.of(
                Arguments.of("ALTER TABLE t ADD COLUMN x int", LockLevel.ACCESS_EXCLUSIVE),
                Arguments.of("CREATE INDEX i ON t (a)", LockLevel.SHARE),
                Arguments.of("CREATE INDEX CONCURRENTLY i ON t (a)", LockLevel.SHARE_UPDATE_EXCLUSIVE),
                Arguments.of("ALTER TABLE t VALIDATE CONSTRAINT c", LockLevel.SHARE_UPDATE_EXCLUSIVE),
                Arguments.of("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)", LockLevel.SHARE_ROW_EXCLUSIVE),
                Arguments.of("UPDATE t SET a = 1", LockLevel.ROW_EXCLUSIVE),
                Arguments.of("CREATE TABLE t (a int)", LockLevel.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locks")
    void knowsTheTableLockEachStatementTakes(String sql, LockLevel lock) {
        assertThat(new StatementSplitter().split(sql).statements().get(0).info().lock()).isEqualTo(lock);
    }

    @org.junit.jupiter.api.Test
    void concurrentlyInsideAFunctionBodyDoesNotMakeTheStatementNonTransactional() {
        String sql = "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
                + "EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (a)'; END $$";
        assertThat(new StatementSplitter().split(sql).statements().get(0).info().transactional()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void indexNameIsKnownForSettlingBuilds() {
        StatementInfo info = new StatementSplitter().split("CREATE INDEX CONCURRENTLY \"Idx_A\" ON t (a)")
                .statements().get(0).info();
        assertThat(info.indexName()).isEqualTo("\"Idx_A\"");
    }
}
