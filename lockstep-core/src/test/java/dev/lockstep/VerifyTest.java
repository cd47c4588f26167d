package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real SQL assertions, a real HTTP server on localhost, real shell commands. */
class VerifyTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    HttpServer server;
    Path verify;

    @BeforeEach
    void setUp() throws Exception {
        pg.reset();
        pg.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text)");
        pg.execute("INSERT INTO accounts VALUES (1, 'a@example.com'), (2, NULL), (3, NULL)");
        m = new MigrationsDir(root).allowingNonEmpty();
        verify = Files.createDirectories(root.resolve("verify"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/readyz", x -> {
            x.sendResponseHeaders(503, -1);
            x.close();
        });
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException ignored) {
                // the client gave up long ago
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private VerifyReport verify(List<VerifyCheck.Http> http, List<VerifyCheck.Command> commands) {
        return m.lockstep(pg.url(), b -> b.set(Setting.VERIFY_DIR, verify).set(Setting.VERIFY_HTTP, http)
                .set(Setting.VERIFY_COMMAND, commands)).verify();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anAssertionThatReturnsRowsFailsAndShowsThemAsATable() throws Exception {
        Files.writeString(verify.resolve("01_emails.sql"), "-- every account has an email\n"
                + "SELECT id, email FROM accounts WHERE email IS NULL ORDER BY id;");
        Files.writeString(verify.resolve("02_ok.sql"), "SELECT 1 WHERE false;\n");
        VerifyReport r = verify(List.of(), List.of());
        assertThat(r.passed()).isFalse();
        assertThat(r.results()).extracting(VerifyReport.Result::passed).containsExactly(false, true);
        assertThat(r.results().get(0).detail()).isEqualTo("line 2 returned rows:\n"
                + "    id | email\n    ----------\n    2  | null \n    3  | null");
    }

    @Test
    void assertionsChangeNothingAndASyntaxErrorIsAFailureWithItsLine() throws Exception {
        Files.writeString(verify.resolve("01_sneaky.sql"), "DELETE FROM accounts;\nSELECT 1 WHERE false;");
        Files.writeString(verify.resolve("02_broken.sql"), "SELECT 1 WHERE false;\nSELEC id FROM accounts;");
        VerifyReport r = verify(List.of(), List.of());
        assertThat(r.results().get(0).passed()).isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("3");
        assertThat(r.results().get(1).passed()).isFalse();
        assertThat(r.results().get(1).detail()).contains("verify/02_broken.sql:2:1").contains("42601");
    }

    @Test
    void httpChecksExpectAStatusWithinATimeout() {
        VerifyReport r = verify(List.of(new VerifyCheck.Http(url("/healthz"), 200, Duration.ofSeconds(2)),
                new VerifyCheck.Http(url("/readyz"), 200, Duration.ofSeconds(2)),
                new VerifyCheck.Http(url("/slow"), 200, Duration.ofMillis(300))), List.of());
        assertThat(r.results()).extracting(VerifyReport.Result::passed).containsExactly(true, false, false);
        assertThat(r.results().get(1).detail()).isEqualTo("answered 503, expected 200");
        assertThat(r.results().get(2).detail()).isEqualTo("no answer within 300ms");
    }

    @Test
    void anHttpCheckThatCannotConnectNamesTheUrlAndTheOperatingSystemsReason() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closed + "/healthz";
        VerifyReport r = verify(List.of(new VerifyCheck.Http(refused, 200, Duration.ofSeconds(2)),
                new VerifyCheck.Http("http://no-such-host.invalid/healthz", 200, Duration.ofSeconds(2))), List.of());
        assertThat(r.results()).extracting(VerifyReport.Result::passed).containsExactly(false, false);
        assertThat(r.results().get(0).detail()).isEqualTo("GET " + refused + " failed: cannot connect to 127.0.0.1:"
                + closed + ": Connection refused (is the application running?)");
        assertThat(r.results().get(1).detail()).isEqualTo("GET http://no-such-host.invalid/healthz failed: cannot "
                + "connect to no-such-host.invalid:80: unknown host no-such-host.invalid");
    }

    @Test
    void rlsChecksRunAsTheRoleWithItsSettingsAndCountWhatItSees() {
        pg.execute("ALTER TABLE accounts ADD COLUMN tenant int");
        pg.execute("UPDATE accounts SET tenant = id % 2");
        pg.execute("DO $$ BEGIN CREATE ROLE verify_app; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        pg.execute("GRANT USAGE ON SCHEMA public TO verify_app");
        pg.execute("GRANT SELECT ON accounts TO verify_app");
        pg.execute("ALTER TABLE accounts ENABLE ROW LEVEL SECURITY");
        pg.execute("CREATE POLICY by_tenant ON accounts USING (tenant = current_setting('app.tenant', true)::int)");
        var ok = new VerifyCheck.Rls("tenant 1 sees its own", "verify_app", java.util.Map.of("app.tenant", "1"),
                "SELECT * FROM accounts", 2, "SELECT * FROM accounts WHERE tenant <> 1");
        var wrongCount = new VerifyCheck.Rls("expects too many", "verify_app", java.util.Map.of("app.tenant", "0"),
                "SELECT * FROM accounts", 3, null);
        pg.execute("CREATE POLICY leak ON accounts USING (id = 2)");
        var leaking = new VerifyCheck.Rls("no leak", "verify_app", java.util.Map.of("app.tenant", "1"),
                "SELECT * FROM accounts", null, "SELECT id, tenant FROM accounts WHERE tenant <> 1");
        VerifyReport r = m.lockstep(pg.url(), b -> b.set(Setting.VERIFY_DIR, verify)
                .set(Setting.VERIFY_RLS, List.of(ok, wrongCount, leaking))).verify();
        assertThat(r.results()).extracting(VerifyReport.Result::passed).containsExactly(false, false, false);
        assertThat(r.results().get(0).detail()).contains("saw 3 row(s), expected 2");
        assertThat(r.results().get(1).detail()).contains("saw 1 row(s), expected 3");
        assertThat(r.results().get(2).detail()).contains("rows it must not see are visible").contains("2  | 0");
        pg.execute("DROP POLICY leak ON accounts");
        VerifyReport fixed = m.lockstep(pg.url(), b -> b.set(Setting.VERIFY_DIR, verify)
                .set(Setting.VERIFY_RLS, List.of(ok))).verify();
        assertThat(fixed.passed()).isTrue();
    }

    @Test
    void aMigrationsOwnVerifyScriptRunsRightAfterItAndStopsTheRunOnFailure() {
        m.write("V1__emails.sql", "UPDATE accounts SET email = 'x@example.com' WHERE id = 2;")
                .write("V1__emails.verify.sql", "SELECT id FROM accounts WHERE email IS NULL;")
                .write("V2__more.sql", "CREATE TABLE more (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("verification of migration 1").contains("V1__emails.verify.sql")
                    .contains("3");
            assertThat(e.hint()).contains("later migrations did not run");
        });
        assertThat(pg.tableExists("more")).isFalse();
        pg.execute("UPDATE accounts SET email = 'y@example.com' WHERE id = 3");
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).extracting(AppliedMigration::version).containsExactly("2");
    }

    @Test
    void commandsMustExitZeroInTime() {
        VerifyReport r = verify(List.of(), List.of(new VerifyCheck.Command("true", Duration.ofSeconds(5)),
                new VerifyCheck.Command("echo smoke failed >&2; exit 3", Duration.ofSeconds(5)),
                new VerifyCheck.Command("sleep 5", Duration.ofMillis(200))));
        assertThat(r.results()).extracting(VerifyReport.Result::passed).containsExactly(true, false, false);
        assertThat(r.results().get(1).detail()).isEqualTo("exit 3:\nsmoke failed");
        assertThat(r.results().get(2).detail())
                .isEqualTo("did not finish within 200ms; it and every process it started were killed");
    }

    @Test
    void aCommandThatTimesOutTakesEveryProcessItStartedWithIt() throws Exception {
        Path child = root.resolve("child.pid");
        Path orphan = root.resolve("orphan.pid");
        // A child of the shell, and an orphan: started by a subshell that exits at once, so that it belongs to
        // no process of the command any more, only to its process group.
        String command = "sleep 300 & echo $! > " + child + "; (sleep 301 & echo $! > " + orphan + "); sleep 302";
        long start = System.nanoTime();
        while (true) {
            Files.deleteIfExists(child);
            Files.deleteIfExists(orphan);
            VerifyReport r = verify(List.of(), List.of(new VerifyCheck.Command(command, Duration.ofSeconds(1))));
            assertThat(r.results().get(0).detail()).contains("did not finish within 1.0s");
            if (Files.exists(child) && Files.exists(orphan)) {
                break;
            }
            // On a loaded machine the shell may not have got that far within the second: run it again.
            assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.MINUTES.toNanos(2));
        }
        for (Path pidFile : List.of(child, orphan)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            long waited = System.nanoTime();
            while (running(pid)) {
                assertThat(System.nanoTime() - waited).as("pid " + pid + " of " + pidFile + " ends")
                        .isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
                Thread.sleep(10);
            }
        }
    }

    /** Whether a process is running: it exists and is not a zombie waiting for its parent to reap it. */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        String text;
        try {
            text = Files.readString(stat);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
