package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConnectionFailureTest {
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

    @Test
    void aClosedPortIsAClearConnectionErrorWithAHint() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "postgres://app:Sup3rS3cret@127.0.0.1:" + port + "/app";
        assertThatThrownBy(() -> m.lockstep(url).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("app@127.0.0.1:" + port + "/app").doesNotContain("Sup3rS3cret");
            assertThat(e.hint()).contains("running and reachable");
        });
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            String url = "postgres://app@127.0.0.1:" + silent.getLocalPort() + "/app";
            assertThatThrownBy(() -> m.lockstep(url, b -> b.set(Setting.CONNECT_TIMEOUT, Duration.ofSeconds(1))).status())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
                        assertThat(e.hint()).contains("connect timeout 1s");
                    });
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
        pg.execute("DO $$ BEGIN CREATE ROLE app LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String url = "postgres://app:Wr0ngPassw0rd@localhost:" + pg.port() + "/" + pg.database();
        assertThatThrownBy(() -> m.lockstep(url).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
            assertThat(e.getMessage()).contains("password authentication failed").doesNotContain("Wr0ngPassw0rd");
            assertThat(e.hint()).contains("password");
        });
        assertThat(pg.tableExists("a")).isFalse();
    }

    @Test
    void aMissingDatabaseSaysSo() {
        String url = "postgres://postgres@localhost:" + pg.port() + "/no_such_db";
        assertThatThrownBy(() -> m.lockstep(url).status()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("database no_such_db does not exist"));
    }
}
