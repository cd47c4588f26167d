package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner killed with SIGKILL in the middle of a migration, its server backend still busy with what it
 * had sent, and a new runner started at once: every migration ends up applied and recorded exactly once.
 */
class KilledRunnerTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    /** The migrations here hold locks for long on purpose; what lint thinks of that is not the point. */
    static final java.util.function.Consumer<LockstepConfig.Builder> UNSAFE =
            b -> b.set(Setting.ALLOW_UNSAFE, true);

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n"
                + "CREATE TABLE audit (n int);\n"
                + "INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 1000) g;");
    }

    @Test
    void aTransactionalMigrationWhoseBackendRunsOnAfterTheKillIsNotAppliedAgain() throws Exception {
        // Sent to the server in one pipelined batch with its history row and COMMIT: it runs on without its client.
        m.write("V2__note.sql", "ALTER TABLE accounts ADD COLUMN note text;\n"
                + "UPDATE accounts SET note = 'x' FROM pg_sleep(2);")
                .write("V3__after.sql", "CREATE TABLE after_note (id int);");
        int oldPid = killDuring("%pg_sleep(2)%");

        MigrateResult r = m.lockstep(pg.url(), UNSAFE).migrate();

        assertThat(m.notices).anyMatch(n -> n.startsWith("waiting for the migration lock held by pid " + oldPid));
        assertThat(r.executed()).extracting(AppliedMigration::version).contains("3").doesNotContain("1");
        assertExactlyOnce("1", "2", "3");
        assertThat(pg.queryValue("SELECT count(*) FROM accounts WHERE note = 'x'")).isEqualTo("1000");
    }

    @Test
    void aStatementByStatementMigrationKilledDuringAnInsertInsertsItsRowsOnce() throws Exception {
        m.write("V2__backfill.sql", "CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n"
                + "INSERT INTO audit SELECT g FROM generate_series(1, 500) g, pg_sleep(2);\n"
                + "CREATE INDEX CONCURRENTLY audit_n ON audit (n);");
        int oldPid = killDuring("INSERT INTO audit%");

        m.lockstep(pg.url(), UNSAFE).migrate();

        assertThat(m.notices).anyMatch(n -> n.startsWith("waiting for the migration lock held by pid " + oldPid));
        assertExactlyOnce("1", "2");
        assertThat(pg.queryValue("SELECT count(*) FROM audit")).isEqualTo("500");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_index WHERE indexrelid IN ('accounts_email'::regclass, "
                + "'audit_n'::regclass) AND indisvalid")).isEqualTo("2");
    }

    @Test
    void aFileWithTwoBlocksKilledInTheSecondResumesAtTheSecond() throws Exception {
        m.write("V2__blocks.sql", "BEGIN;\nINSERT INTO audit VALUES (1);\nCOMMIT;\n"
                + "BEGIN;\nINSERT INTO audit SELECT 2 FROM pg_sleep(2);\nINSERT INTO audit VALUES (3);\nCOMMIT;\n");
        killDuring("INSERT INTO audit SELECT 2%");

        MigrateResult r = m.lockstep(pg.url(), UNSAFE).migrate();

        assertThat(r.executed()).singleElement().satisfies(a -> assertThat(a.direction()).isEqualTo("resume"));
        assertExactlyOnce("1", "2");
        assertThat(pg.query("SELECT n FROM audit ORDER BY n")).containsExactly(List.of("1"), List.of("2"), List.of("3"));
        assertThat(pg.query("SELECT statements_applied FROM lockstep.lockstep_history WHERE version = '2' ORDER BY id"))
                .containsExactly(List.of("3"), List.of("7"));
    }

    /**
     * Runs migrate in a child JVM, waits until its backend runs a statement matching {@code running},
     * kills the child with SIGKILL and returns the pid of that backend, which is still running.
     */
    private int killDuring(String running) throws Exception {
        Path log = root.resolve("child.log");
        Process child = ChildRunner.start(pg.url(), m.dir, log);
        int pid = Waits.backendRunning(pg, running, child, log);
        ChildRunner.kill(child);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid))
                .as("the killed runner's backend is still at work").isEqualTo("1");
        return pid;
    }

    private void assertExactlyOnce(String... versions) {
        assertThat(pg.query("SELECT version, count(*) FROM lockstep.lockstep_history WHERE success "
                + "GROUP BY version ORDER BY version")).containsExactlyElementsOf(
                java.util.Arrays.stream(versions).map(v -> List.of(v, "1")).toList());
    }
}
