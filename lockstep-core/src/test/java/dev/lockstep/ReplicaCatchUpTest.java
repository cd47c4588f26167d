package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * replica-catch-up against a real streaming replica: a primary and a hot standby made with pg_basebackup,
 * replay running, then paused on the standby (pg_wal_replay_pause) so that it cannot catch up.
 */
class ReplicaCatchUpTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    static Path servers;
    static Replication replication;
    static Replication.Standby standby;

    @TempDir
    Path root;
    MigrationsDir m;
    String database;

    @BeforeAll
    static void startReplication() throws Exception {
        replication = new Replication();
        standby = replication.standby(servers.resolve("standby"));
        standby.awaitStreaming(replication);
    }

    @AfterAll
    static void stopReplication() throws Exception {
        replication.close();
    }

    @BeforeEach
    void freshDatabase(org.junit.jupiter.api.TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT);
        database = "r_" + name.substring(0, Math.min(20, name.length()));
        replication.execute("CREATE DATABASE " + database);
        m = new MigrationsDir(root);
        m.write("V1__a.sql", "CREATE TABLE a (id int);");
    }

    private Lockstep lockstep(Duration catchUp) {
        return m.lockstep(replication.url(database), b -> b.set(Setting.REPLICA_CATCH_UP, catchUp).workDir(root));
    }

    /** Whether the standby has replayed the creation of a table (the database itself may not be there yet). */
    private boolean standbyHas(String table) {
        if (!"1".equals(standby.value("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'"))) {
            return false;
        }
        return "t".equals(standby.valueIn(database, "SELECT to_regclass('" + table + "') IS NOT NULL"));
    }

    @Test
    void migrateWaitsUntilEveryReplicaHasReplayedTheRunAndSaysSo() {
        MigrateResult r = lockstep(Duration.ofMinutes(2)).migrate();
        assertThat(r.executed()).hasSize(1);
        assertThat(m.notices).anyMatch(n -> n.startsWith("1 replica replayed the run's last change (WAL ")
                && n.contains("walreceiver"));
        // Checked right after migrate returned, without waiting: the replica already has it.
        assertThat(standbyHas("a")).isTrue();
    }

    @Test
    void aReplicaWithReplayPausedIsAnErrorAfterTheWaitAndTheRunIsStillCommitted() throws Exception {
        lockstep(Duration.ofMinutes(2)).migrate();
        m.write("V2__b.sql", "CREATE TABLE b (id int);");
        standby.value("SELECT pg_wal_replay_pause()");
        // A walreceiver reconnecting (a loaded machine) is absent from pg_stat_replication for a moment,
        // and a run with no replica listed has nothing to wait for: start from a streaming one.
        standby.awaitStreaming(replication);
        try {
            assertThatThrownBy(() -> lockstep(Duration.ofSeconds(2)).migrate()).as("notices: %s", m.notices)
                    .isInstanceOfSatisfying(MigrateFailedException.class, e -> {
                        assertThat(e.executed()).extracting(AppliedMigration::version).containsExactly("2");
                        assertThat(e.code()).isEqualTo(ErrorCode.REPLICA_BEHIND);
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).startsWith("applied 1 migration on the primary (now at version 2), "
                                + "but 1 replica has not replayed the run's last change (WAL ")
                                .contains("within 2.0s (setting replica-catch-up)")
                                .containsPattern("walreceiver \\(127\\.0\\.0\\.1, streaming, replayed up to [0-9A-F]+/"
                                        + "[0-9A-F]+, [0-9]+ bytes behind\\)");
                        assertThat(e.hint()).contains("pg_is_wal_replay_paused()").contains("need not run again");
                    });
            assertThat(Replication.value(replication.port(), database, "SELECT to_regclass('b') IS NOT NULL"))
                    .isEqualTo("t");
            assertThat(standbyHas("b")).isFalse();

            m.write("V3__c.sql", "CREATE TABLE c (id int);");
            assertThatThrownBy(() -> lockstep(Duration.ofSeconds(1)).deploy(new DeployOptions(false, null,
                    DeployOptions.OnFailure.NONE))).isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.result().failedStep()).isEqualTo("migrate");
                        assertThat(e.result().outcome()).isNotEqualTo("success");
                    });
        } finally {
            standby.value("SELECT pg_wal_replay_resume()");
        }
        long start = System.nanoTime();
        while (!standbyHas("c")) {
            assertThat(System.nanoTime() - start).as("the resumed standby replays").isLessThan(TimeUnit.MINUTES.toNanos(2));
            Thread.sleep(20);
        }
        assertThat(lockstep(Duration.ofSeconds(30)).migrate().executed()).isEmpty();
    }

    @Test
    void aRoleThatCannotSeeTheReplicasIsRefusedBeforeAnythingRuns() throws Exception {
        replication.execute("DO $$ BEGIN CREATE ROLE catchup_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        Replication.execute(replication.port(), database, "GRANT CREATE ON DATABASE " + database + " TO catchup_app");
        Replication.execute(replication.port(), database, "GRANT USAGE, CREATE ON SCHEMA public TO catchup_app");
        String url = "postgres://catchup_app@127.0.0.1:" + replication.port() + "/" + database;
        assertThatThrownBy(() -> m.lockstep(url, b -> b.set(Setting.REPLICA_CATCH_UP, Duration.ofSeconds(30))).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("cannot see the replicas' replay positions")
                            .contains("nothing was applied");
                    assertThat(e.hint()).contains("pg_monitor");
                });
        assertThat(Replication.value(replication.port(), database, "SELECT to_regclass('a') IS NOT NULL")).isEqualTo("f");
        Replication.execute(replication.port(), "postgres", "GRANT pg_monitor TO catchup_app");
        assertThat(m.lockstep(url, b -> b.set(Setting.REPLICA_CATCH_UP, Duration.ofMinutes(2))).migrate().executed())
                .hasSize(1);
    }

    @Test
    void withoutReplicasThereIsNothingToWaitFor() {
        pg.reset();
        MigrateResult r = m.lockstep(pg.url(), b -> b.set(Setting.REPLICA_CATCH_UP, Duration.ofSeconds(30))).migrate();
        assertThat(r.executed()).hasSize(1);
        assertThat(m.notices).contains("replica-catch-up: no replicas in pg_stat_replication, nothing to wait for");
    }
}
