package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for a server: one that is starting up (a real standby that answers 57P03 until it is promoted),
 * a port where a server starts later (for {@code wait} and for any command within {@code connect-timeout}),
 * and the failures that waiting cannot fix.
 */
class WaitForServerTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        m = new MigrationsDir(root);
        m.write("V1__a.sql", "CREATE TABLE a (id int);");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitNotice(String part, CompletableFuture<?> running) throws InterruptedException {
        long start = System.nanoTime();
        while (m.notices.stream().noneMatch(n -> n.contains(part))) {
            if (running.isDone()) {
                throw new AssertionError("ended before saying '" + part + "': " + running + " " + m.notices);
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(2)) {
                throw new AssertionError("never said '" + part + "': " + m.notices);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void waitsWhileTheServerIsStartingUpUntilItAcceptsConnections() throws Exception {
        try (Replication replication = new Replication()) {
            Replication.Standby standby = replication.standby(root.resolve("standby"), "hot_standby=off");
            Lockstep lockstep = m.lockstep(standby.url("postgres"));
            CompletableFuture<WaitResult> waiting = CompletableFuture.supplyAsync(
                    () -> lockstep.waitForServer(Duration.ofMinutes(2)));
            awaitNotice("the database system is starting up (57P03)", waiting);
            assertThat(waiting).isNotDone();
            standby.promote();
            WaitResult r = waiting.get(2, TimeUnit.MINUTES);
            assertThat(r.database()).isEqualTo("postgres@127.0.0.1:" + standby.port + "/postgres");
            assertThat(r.attempts()).isGreaterThan(1);
            assertThat(r.firstProblem()).isIn("connection refused", "the database system is starting up (57P03)");
            assertThat(standby.value("SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
    }

    @Test
    void waitAndEveryCommandWaitForAServerThatStartsOnARefusedPort() throws Exception {
        int port = freePort();
        String url = "postgres://postgres@127.0.0.1:" + port + "/postgres";
        CompletableFuture<WaitResult> waiting = CompletableFuture.supplyAsync(
                () -> m.lockstep(url).waitForServer(Duration.ofMinutes(2)));
        CompletableFuture<MigrateResult> migrating = CompletableFuture.supplyAsync(
                () -> m.lockstep(url, b -> b.set(Setting.CONNECT_TIMEOUT, Duration.ofMinutes(2))).migrate());
        awaitNotice("waiting for postgres@127.0.0.1:" + port + "/postgres: connection refused", waiting);
        awaitNotice("postgres@127.0.0.1:" + port + "/postgres: connection refused; trying again for up to 2m00s "
                + "(setting connect-timeout)", migrating);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setPort(port).start()) {
            WaitResult r = waiting.get(2, TimeUnit.MINUTES);
            assertThat(r.firstProblem()).isEqualTo("connection refused");
            assertThat(r.attempts()).isGreaterThan(1);
            MigrateResult migrated = migrating.get(2, TimeUnit.MINUTES);
            assertThat(migrated.executed()).hasSize(1);
            assertThat(Replication.value(port, "postgres", "SELECT to_regclass('a') IS NOT NULL")).isEqualTo("t");
        }
    }

    @Test
    void aServerThatNeverComesIsATimeoutNamingWhatWasSeen() throws Exception {
        String url = "postgres://postgres@127.0.0.1:" + freePort() + "/postgres";
        assertThatThrownBy(() -> m.lockstep(url).waitForServer(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("did not accept connections within 1.0s")
                            .contains("last: connection refused");
                });
        String unknown = "postgres://postgres@no-such-host.invalid:5432/postgres";
        assertThatThrownBy(() -> m.lockstep(unknown).waitForServer(Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("postgres@no-such-host.invalid:5432/postgres did not accept")
                            .contains("last: the host name cannot be resolved");
                });
    }

    @Test
    void aRefusedLoginOrAMissingDatabaseFailAtOnceBecauseWaitingWouldNotHelp() {
        pg.execute("DO $$ BEGIN CREATE ROLE wait_app LOGIN PASSWORD 'right-one'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String wrong = "postgres://wait_app:Wr0ngPassw0rd@localhost:" + pg.port() + "/" + pg.database();
        assertThatThrownBy(() -> m.lockstep(wrong).waitForServer(Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                    assertThat(e.getMessage()).contains("password authentication failed").doesNotContain("Wr0ng");
                });
        String missing = "postgres://postgres@localhost:" + pg.port() + "/no_such_db";
        assertThatThrownBy(() -> m.lockstep(missing).waitForServer(Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                    assertThat(e.getMessage()).contains("database no_such_db does not exist");
                });
        WaitResult up = m.lockstep(pg.url()).waitForServer(Duration.ofSeconds(30));
        assertThat(up.attempts()).isEqualTo(1);
        assertThat(up.firstProblem()).isNull();
    }
}
