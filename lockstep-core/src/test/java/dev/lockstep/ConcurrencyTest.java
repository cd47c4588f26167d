package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__t.sql", "CREATE TABLE t (id int PRIMARY KEY, v text);\n"
                        + "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g;")
                .write("V2__idx.sql", "CREATE INDEX CONCURRENTLY t_v ON t (v);")
                .write("V3__slow.sql", "SELECT pg_sleep(0.3);\nCREATE TABLE u (id int);")
                .write("V4__more.sql", "ALTER TABLE u ADD COLUMN note text;");
    }

    @Test
    void fourConcurrentRunnersApplyEachMigrationExactlyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> m.lockstep(pg.url()).migrate()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("no runner hung").isTrue();
        int executed = 0;
        for (Future<MigrateResult> f : runs) {
            executed += f.get().executed().size();
        }
        assertThat(executed).isEqualTo(4);
        assertThat(pg.query("SELECT version, count(*) FROM lockstep.lockstep_history GROUP BY version ORDER BY version"))
                .containsExactly(List.of("1", "1"), List.of("2", "1"), List.of("3", "1"), List.of("4", "1"));
        assertThat(pg.queryValue("SELECT bool_and(success)::text FROM lockstep.lockstep_history")).isEqualTo("true");
        assertThat(pg.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_v'::regclass"))
                .isEqualTo("true");
    }

    @Test
    void aSecondRunnerGivesUpAfterLockWaitNamingTheHolder() throws Exception {
        int classId = 0x4C6B5374;
        int objectId = "lockstep".hashCode() & 0x7fffffff;
        try (Connection holder = pg.connect(); Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'deploy-bot'");
            st.execute("SELECT pg_advisory_lock(" + classId + ", " + objectId + ")");
            int pid = Integer.parseInt(pg.queryValue("SELECT pid FROM pg_stat_activity WHERE application_name = 'deploy-bot'"));
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.LOCK_WAIT, Duration.ofMillis(800))).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("pid " + pid).contains("deploy-bot").contains("held for");
                        assertThat(e.hint()).contains("pg_terminate_backend(" + pid + ")");
                    });
            assertThat(m.notices).anyMatch(n -> n.startsWith("waiting for the migration lock held by pid " + pid));
        }
        assertThat(pg.tableExists("t")).isFalse();
        assertThat(m.lockstep(pg.url()).migrate().executed()).hasSize(4);
    }
}
