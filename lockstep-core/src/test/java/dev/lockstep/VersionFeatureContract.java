package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What differs between PostgreSQL versions, on a real server of each: backups need a pg_dump at least
 * as new as the server; 17 bounds a migration transaction with transaction_timeout; 14 can detach a
 * partition concurrently. Each test states what happens on both sides of its version boundary.
 */
abstract class VersionFeatureContract {
    @TempDir
    Path root;
    MigrationsDir m;
    TestPostgres pg;
    Backends backends;

    abstract TestPostgres server();

    abstract int version();

    @BeforeEach
    void setUp() {
        pg = server();
        pg.reset();
        m = new MigrationsDir(root).allowingNonEmpty();
        backends = new Backends(pg);
    }

    private static LockstepConfig.Builder ddlTimeout(LockstepConfig.Builder b, Duration ddlTimeout) {
        return b.set(Setting.BLOCKER_WAIT, Duration.ofSeconds(10)).set(Setting.DDL_STATEMENT_TIMEOUT, ddlTimeout);
    }

    @Test
    void from17ATransactionHoldingAWriteBlockingLockEndsAtTheDdlStatementTimeout() {
        pg.execute("CREATE TABLE busy (id int)");
        m.write("V1__alter.sql", "-- lockstep:ignore strong-lock-then-more-work the bound is what is tested\n"
                + "ALTER TABLE busy ADD COLUMN note text;\nSELECT pg_sleep(2);");
        // transaction_timeout = ddl-statement-timeout 1s + lock-timeout 200ms
        Lockstep lockstep = m.lockstep(pg.url(), b -> ddlTimeout(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(200)),
                Duration.ofSeconds(1)));
        if (version() >= 17) {
            assertThatThrownBy(lockstep::migrate).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
                assertThat(e.exitCode()).isEqualTo(4);
                // 25P04: the whole transaction's bound, which starts before either statement's own
                assertThat(e.getMessage()).contains("25P04").contains("V1__alter.sql:");
                assertThat(e.hint()).contains("transaction_timeout").contains("nothing of it was applied");
            });
            assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                    + "AND column_name = 'note'")).isEqualTo("0");
            assertThat(m.lockstep(pg.url()).status().migrations().get(0).state().runnable()).isTrue();
            m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
            assertThat(m.lockstep(pg.url(), b -> ddlTimeout(b, Duration.ofSeconds(1))).migrate().executed())
                    .hasSize(1);
        } else {
            // Before 17 only each statement is bounded: the sleep after the ALTER holds its lock to the end.
            assertThat(lockstep.migrate().executed()).hasSize(1);
        }
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' "
                + "AND column_name = 'note'")).isEqualTo("1");
    }

    @Test
    void oneSlowStatementStillStopsAtItsOwnStatementTimeoutWithItsOwnMessage() {
        pg.execute("CREATE TABLE busy (id int); INSERT INTO busy SELECT generate_series(1, 300000)");
        m.write("V1__index.sql", "-- lockstep:ignore require-concurrent-index the timeout is what is tested\n"
                + "CREATE INDEX busy_id ON busy (id);");
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> ddlTimeout(b, Duration.ofMillis(20))).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
                    assertThat(e.getMessage()).contains("57014").doesNotContain("25P04");
                });
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'busy_id'")).isEqualTo("0");
    }

    @Test
    void aTransactionTakingNoWriteBlockingLockIsNotBoundedByTheDdlStatementTimeout() {
        m.write("V1__fill.sql", "CREATE TABLE fresh (id int);\nSELECT pg_sleep(0.8);\nINSERT INTO fresh VALUES (1);");
        assertThat(m.lockstep(pg.url(), b -> ddlTimeout(b, Duration.ofMillis(300))).migrate().executed())
                .hasSize(1);
        assertThat(pg.queryValue("SELECT count(*) FROM fresh")).isEqualTo("1");
    }

    @Test
    void detachPartitionConcurrentlyFrom14RunsOutsideATransactionAndIsASyntaxErrorBefore() {
        pg.execute("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at); "
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); "
                + "INSERT INTO events VALUES (1, '2024-06-01')");
        m.write("V1__detach.sql", "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;");
        if (version() >= 14) {
            MigrateResult r = m.lockstep(pg.url()).migrate();
            assertThat(r.executed()).singleElement().satisfies(a -> assertThat(a.transactional()).isFalse());
            assertThat(pg.queryValue("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass")).isEqualTo("0");
            assertThat(pg.queryValue("SELECT count(*) FROM events_2024")).isEqualTo("1");
        } else {
            // Lint, for the server's version, refuses it before anything runs; forced through, the server does.
            assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BLOCKED);
                assertThat(e.exitCode()).isEqualTo(3);
                assertThat(e.getMessage()).contains("needs-newer-postgres").contains("V1__detach.sql:1:");
            });
            assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.ALLOW_UNSAFE, true)).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("42601").contains("V1__detach.sql:1:");
                    });
            assertThat(pg.queryValue("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass")).isEqualTo("1");
        }
    }

    @Test
    void aDetachLeftPendingByACanceledRunIsFinishedByTheNextOne() throws Throwable {
        if (version() < 14) {
            assertThat(pg.queryValue("SELECT count(*) FROM pg_attribute WHERE attrelid = 'pg_inherits'::regclass "
                    + "AND attname = 'inhdetachpending'")).as("no pending detach before 14").isEqualTo("0");
            return;
        }
        pg.execute("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at); "
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        m.write("V1__detach.sql", "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;");
        try (Connection reader = pg.connect(); Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.execute("SELECT count(*) FROM events");
            Future<MigrateResult> run = Backends.inBackground(() -> m.lockstep(pg.url()).migrate());
            backends.cancel(backends.awaitWaiting("ALTER TABLE events DETACH"));
            assertThatThrownBy(() -> Backends.outcome(run)).isInstanceOfSatisfying(LockstepException.class, e ->
                    assertThat(e.getMessage()).contains("57014"));
            reader.rollback();
        }
        assertThat(pg.queryValue("SELECT inhdetachpending::text FROM pg_inherits WHERE inhrelid = 'events_2024'::regclass"))
                .isEqualTo("true");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).hasSize(1);
        assertThat(m.notices).anyMatch(n -> n.contains("events_2024") && n.contains("FINALIZE"));
        assertThat(pg.queryValue("SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass")).isEqualTo("0");
    }

    @Test
    void backsUpAndRestoresWithAMatchingPgDumpAndRefusesAnOlderOneBeforeWritingAnything() throws IOException {
        Path backups = root.resolve("backups");
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n"
                + "INSERT INTO accounts SELECT g, 'user' || g FROM generate_series(1, 200) g;");
        Lockstep lockstep = m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups));
        lockstep.migrate();
        int client = LocalPgDump.newestPgDumpMajor();
        if (client >= version()) {
            BackupManifest b = lockstep.backup();
            assertThat(b.serverVersion()).startsWith(version() + ".");
            assertThat(LocalPgDump.major(b.pgDumpVersion())).isEqualTo(client);
            pg.execute("DELETE FROM accounts WHERE id > 100");
            RestoreResult restored = lockstep.restore(backups.resolve(b.file()), null);
            assertThat(restored.migrationVersion()).isEqualTo("1");
            // Identical, privileges included: also where pg_dump is newer than the server.
            assertThat(restored.identical()).as("%s", restored.differences()).isTrue();
            assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("200");
        } else {
            assertThatThrownBy(lockstep::backup).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                assertThat(e.exitCode()).isEqualTo(2);
                assertThat(e.getMessage()).contains("pg_dump " + client + ".").contains("is older than the server ("
                        + version() + ".").contains("nothing was written");
                assertThat(e.hint()).contains("PostgreSQL " + version() + " client tools").contains("pg-bin");
            });
            assertThat(Files.exists(backups) ? Files.list(backups).toList() : List.of()).isEmpty();
        }
    }

    @Test
    void aDeployStopsAtItsBackupBeforeMigratingWhenNoPgDumpCanDumpTheServer() {
        Path backups = root.resolve("backups");
        m.write("V1__t.sql", "CREATE TABLE t (id int);");
        Lockstep lockstep = m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).workDir(root)
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep")).set(Setting.VERIFY_DIR, root.resolve("verify")));
        if (LocalPgDump.newestPgDumpMajor() >= version()) {
            assertThat(lockstep.deploy(DeployOptions.DEFAULT).outcome()).isEqualTo("success");
            assertThat(pg.tableExists("t")).isTrue();
        } else {
            assertThatThrownBy(() -> lockstep.deploy(DeployOptions.DEFAULT)).hasMessageContaining("backup")
                    .hasMessageContaining("is older than the server");
            assertThat(pg.tableExists("t")).isFalse();
        }
    }

    @Test
    void theDryRunShowsTheTransactionTimeoutItWillSetFrom17() {
        pg.execute("CREATE TABLE busy (id int)");
        m.write("V1__alter.sql", "ALTER TABLE busy ADD COLUMN note text;")
                .write("V2__fresh.sql", "CREATE TABLE fresh (id int);")
                .write("V3__index.sql", "CREATE INDEX CONCURRENTLY busy_id ON busy (id);");
        MigrateResult plan = m.lockstep(pg.url(), b -> ddlTimeout(b.set(Setting.LOCK_TIMEOUT, Duration.ofMillis(200)),
                Duration.ofSeconds(1))).migrate(MigrateOptions.ALL.asDryRun());
        // ddl-statement-timeout 1s + lock-timeout 200ms, only for the transaction that takes a write-blocking lock
        assertThat(plan.plan()).extracting(PlannedMigration::transactionTimeout)
                .containsExactly(version() >= 17 ? "1200ms" : null, null, null);
        MigrateResult off = m.lockstep(pg.url(), b -> ddlTimeout(b, Duration.ZERO)).migrate(MigrateOptions.ALL.asDryRun());
        assertThat(off.plan()).extracting(PlannedMigration::transactionTimeout).containsOnlyNulls();
        assertThat(pg.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy'"))
                .isEqualTo("1");
    }

    /** transaction_timeout is only set where the server knows it: elsewhere the SET itself would fail. */
    @Test
    void transactionTimeoutIsOnlySetWhereTheServerKnowsIt() {
        m.write("V1__t.sql", "CREATE TABLE t (id int);\nALTER TABLE t ADD COLUMN note text;");
        assertThat(m.lockstep(pg.url(), b -> ddlTimeout(b, Duration.ofSeconds(5))).migrate().executed())
                .hasSize(1);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_settings WHERE name = 'transaction_timeout'"))
                .isEqualTo(version() >= 17 ? "1" : "0");
    }
}
