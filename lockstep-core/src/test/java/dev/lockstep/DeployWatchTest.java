package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --watch}: a real workload on a real database, sampled from before the migration to the
 * end of a short window; a broken threshold fails the deploy and the undo runs.
 */
class DeployWatchTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
    }

    /** Short windows with sub-second samples; thresholds and checks as the test sets them. */
    private Lockstep watching(Consumer<LockstepConfig.Builder> more) {
        return m.lockstep(pg.url(), b -> {
            b.workDir(root).set(Setting.BACKUP_DIR, root.resolve("backups"))
                    .set(Setting.VERIFY_DIR, root.resolve("verify"))
                    .set(Setting.WATCH_WINDOW, Duration.ofSeconds(3))
                    .set(Setting.WATCH_INTERVAL, Duration.ofMillis(250))
                    .set(Setting.WATCH_BASELINE, Duration.ofSeconds(1));
            more.accept(b);
        });
    }

    @Test
    void aWorkloadThatStartsFailingAfterTheMigrationFailsTheWatchAndTheRollbackRuns() throws Exception {
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "email text);");
        m.lockstep(pg.url()).migrate();
        m.write("V2__email_required.sql", "ALTER TABLE accounts ADD CONSTRAINT email_required "
                        + "CHECK (email IS NOT NULL) NOT VALID;")
                .write("U2__email_required.sql", "ALTER TABLE accounts DROP CONSTRAINT email_required;");
        try (Workload app = new Workload(pg, "INSERT INTO accounts (email) VALUES (NULL)", (ps, i) -> ps.execute())) {
            assertThatThrownBy(() -> watching(b -> b.set(Setting.WATCH_MAX_ROLLBACK_RATE, 5.0))
                    .deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK)))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.result().failedStep()).isEqualTo("watch");
                        assertThat(e.getMessage()).containsPattern("watch: rollbacks/s [0-9.]+ above "
                                + "max-rollback-rate 5 \\(2 samples in a row, [0-9.]+s after the migration\\)");
                        assertThat(e.result().steps()).filteredOn(s -> s.name().equals("undo"))
                                .extracting(DeployResult.Step::outcome).containsExactly("ok");
                        WatchReport w = e.result().watch();
                        assertThat(w.outcome()).isEqualTo("breached");
                        assertThat(w.migrationEndMs()).isGreaterThanOrEqualTo(w.migrationStartMs());
                        WatchReport.Series rate = w.series().get(0);
                        assertThat(rate.name()).isEqualTo("rollbacks/s");
                        assertThat(rate.threshold()).isEqualTo(5.0);
                        // quiet before the migration, failing after it
                        assertThat(rate.points()).filteredOn(p -> p.atMs() <= w.migrationStartMs() && p.value() != null)
                                .allSatisfy(p -> assertThat(p.value()).isLessThan(5.0));
                        assertThat(rate.points()).filteredOn(p -> p.atMs() > w.migrationEndMs() && p.value() != null)
                                .anySatisfy(p -> assertThat(p.value()).isGreaterThan(5.0));
                    });
            assertThat(app.failed.get()).isPositive();
        }
        assertThat(pg.queryValue("SELECT count(*) FROM pg_constraint WHERE conname = 'email_required'")).isEqualTo("0");
        pg.execute("INSERT INTO accounts (email) VALUES (NULL)");
    }

    @Test
    void aStatementThatGetsSlowerThanTheBaselineFailsTheWatchWithPgStatStatements() throws Exception {
        pg.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        m.allowingNonEmpty();
        m.write("V1__items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, sku text NOT NULL);\n"
                + "INSERT INTO items SELECT g, 'sku-' || g FROM generate_series(1, 200000) g;\n"
                + "CREATE INDEX items_sku ON items (sku);");
        m.lockstep(pg.url()).migrate();
        pg.execute("ANALYZE items");
        m.write("V2__drop_sku_index.sql", "DROP INDEX CONCURRENTLY items_sku;")
                .write("U2__drop_sku_index.sql", "CREATE INDEX CONCURRENTLY items_sku ON items (sku);");
        try (Workload app = new Workload(pg, "SELECT id FROM items WHERE sku = ?", (ps, i) -> {
            ps.setString(1, "sku-" + (1 + i * 7919 % 200000));
            ps.executeQuery().close();
        })) {
            assertThatThrownBy(() -> watching(b -> b.set(Setting.WATCH_MAX_LATENCY_REGRESSION, Setting.WATCH_MAX_LATENCY_REGRESSION.parse("20%"))
                    .set(Setting.WATCH_MIN_CALLS, 10))
                    .deploy(DeployOptions.DEFAULT.withOnFailure(DeployOptions.OnFailure.ROLLBACK)))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.result().failedStep()).isEqualTo("watch");
                        assertThat(e.getMessage()).contains("statement SELECT id FROM items WHERE sku = $1 is ")
                                .contains("slower than before the migration").contains("max-latency-regression 20%");
                        WatchReport w = e.result().watch();
                        assertThat(w.notes()).isEmpty();
                        WatchReport.Statement st = w.statements().stream()
                                .filter(s -> s.query().contains("FROM items")).findFirst().orElseThrow();
                        assertThat(st.baselineCalls()).isGreaterThanOrEqualTo(10);
                        assertThat(st.afterCalls()).isGreaterThanOrEqualTo(10);
                        assertThat(st.afterMeanMs()).isGreaterThan(st.baselineMeanMs() * 1.2);
                        assertThat(st.baselineP95Ms()).isGreaterThanOrEqualTo(st.baselineMeanMs());
                        assertThat(w.series()).anySatisfy(s -> {
                            assertThat(s.name()).startsWith("mean ms: SELECT id FROM items");
                            assertThat(s.threshold()).isCloseTo(st.baselineMeanMs() * 1.2, org.assertj.core.data
                                    .Offset.offset(0.01));
                        });
                    });
            assertThat(app.ok.get()).isPositive();
        }
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'items_sku'")).isEqualTo("1");
    }

    @Test
    void withoutPgStatStatementsTheWatchSaysSoAndStillWatchesTheRest() throws Exception {
        m.write("V1__t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);");
        DeployResult r = watching(b -> b.set(Setting.WATCH_WINDOW, Duration.ofMillis(600))
                .set(Setting.WATCH_MAX_LOCK_WAITERS, 10)).deploy(DeployOptions.DEFAULT);
        assertThat(r.outcome()).isEqualTo("success");
        assertThat(r.steps()).extracting(DeployResult.Step::name).containsSubsequence("plan", "watch-baseline",
                "migrate", "verify", "watch", "undo");
        assertThat(r.watch().outcome()).isEqualTo("ok");
        assertThat(r.watch().notes()).singleElement().asString().startsWith("pg_stat_statements is not installed");
        assertThat(r.watch().series()).extracting(WatchReport.Series::name).containsExactly("rollbacks/s",
                "deadlocks", "sessions waiting on locks");
        assertThat(r.watch().series().get(2).points()).allSatisfy(p -> assertThat(p.value()).isNotNull());
    }

    @Test
    void aHealthUrlThatStartsFailingAfterTheMigrationFailsTheWatch() throws Exception {
        m.write("V1__t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);");
        Path broken = root.resolve("app-broken");
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/healthz", x -> {
            x.sendResponseHeaders(Files.exists(broken) ? 503 : 200, -1);
            x.close();
        });
        app.start();
        try {
            String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/healthz";
            assertThatThrownBy(() -> watching(b -> b
                    .set(Setting.WATCH_HTTP, List.of(new VerifyCheck.Http(url, 200, Duration.ofSeconds(10))))
                    .set(Setting.HOOK_AFTER_MIGRATE, List.of(new HookCommand("touch " + broken, null, null))))
                    .deploy(DeployOptions.DEFAULT)).isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.getMessage()).contains("watch: GET " + url + " answered 503, expected 200");
                        // V1 has no down script: what undoes this run is the backup it took.
                        assertThat(e.result().rollbackOptions()).anyMatch(o -> o.startsWith("lockstep restore backups/"));
                        WatchReport.Series health = e.result().watch().series().stream()
                                .filter(s -> s.name().equals("GET " + url)).findFirst().orElseThrow();
                        // healthy before the migration, failing at the end
                        long start = e.result().watch().migrationStartMs();
                        assertThat(health.points()).filteredOn(p -> p.atMs() <= start)
                                .anySatisfy(p -> assertThat(p.value()).isNotNull());
                        assertThat(health.points().get(health.points().size() - 1).value()).isNull();
                    });
        } finally {
            app.stop(0);
        }
    }

    @Test
    void aFailedMigrationStopsTheWatchAndKeepsItsSamplesForTheReport() {
        m.write("V1__bad.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\nSELECT 1/0;");
        assertThatThrownBy(() -> watching(b -> { }).deploy(DeployOptions.DEFAULT))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                    assertThat(e.result().failedStep()).isEqualTo("migrate");
                    assertThat(e.result().steps()).filteredOn(s -> s.name().equals("watch")).singleElement()
                            .satisfies(s -> assertThat(s.detail()).startsWith("stopped after the failure"));
                    assertThat(e.result().watch().outcome()).isEqualTo("stopped");
                    assertThat(e.result().watch().samples()).isGreaterThanOrEqualTo(2);
                });
    }

    @Test
    void aDryRunDoesNotWatch() {
        m.write("V1__t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);");
        DeployResult r = watching(b -> { }).deploy(DeployOptions.DEFAULT.asDryRun());
        assertThat(r.watch()).isNull();
        assertThat(r.steps()).filteredOn(s -> s.name().startsWith("watch")).extracting(DeployResult.Step::detail)
                .containsExactly("dry run", "dry run");
    }

    @Test
    void badThresholdsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Setting.WATCH_MAX_LATENCY_REGRESSION.parse("fast"))
                .hasMessage("watch.max-latency-regression: 'fast' is not a percentage; write e.g. \"20%\"");
        assertThatThrownBy(() -> Setting.WATCH_MAX_ROLLBACK_RATE.parse("-1"))
                .hasMessage("watch.max-rollback-rate: '-1' is not a rate >= 0 (per second, e.g. 5 or 0.5)");
        assertThatThrownBy(() -> Setting.WATCH_INTERVAL.parse("0s")).hasMessageStartingWith("watch.interval: '0s' "
                + "is not above zero");
        assertThat(Setting.WATCH_MAX_LATENCY_REGRESSION.parse("20%")).isEqualTo(0.2);
    }
}
