package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.RehearsalResult.Problem;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RehearseTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        FreshSchema.reset(pg);
        m = new MigrationsDir(root);
        m.write("V1__base.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n"
                        + "CREATE TABLE settings (key text PRIMARY KEY, value text);")
                .write("U1__base.sql", "DROP TABLE settings; DROP TABLE accounts;");
        lockstep().migrate();
        m.write("V2__plans.sql", "ALTER TABLE accounts ADD COLUMN plan text;\n"
                        + "CREATE INDEX accounts_email ON accounts (email);")
                .write("U2__plans.sql", "ALTER TABLE accounts DROP COLUMN plan;")
                .write("V3__seed.sql", "INSERT INTO settings VALUES ('mode', 'on');")
                .write("U3__seed.sql", "SELECT 1;")
                .write("V4__clean.sql", "CREATE TABLE t4 (id int);")
                .write("U4__clean.sql", "DROP TABLE t4;")
                .write("V5__one_way.sql", "CREATE TABLE t5 (id int);");
    }

    private Lockstep lockstep() {
        return lockstep(Setting.LINT_GATE_MIN_ROWS.defaultValue());
    }

    private Lockstep lockstep(int gateMinRows) {
        return m.lockstep(pg.url(), b -> b.set(Setting.SCRATCH_URL,
                "postgres://postgres@localhost:" + pg.port() + "/postgres").set(Setting.BACKUP_DIR,
                root.resolve("backups")).set(Setting.LINT_GATE_MIN_ROWS, gateMinRows).workDir(root));
    }

    private static List<String> kinds(RehearsalResult.Migration r) {
        return r.problems().stream().map(Problem::kind).toList();
    }

    @Test
    void flagsADownScriptThatForgetsAnIndexAndAMigrationThatFailsWhenRunAgain() {
        RehearsalResult r = lockstep().rehearse(null);

        assertThat(r.version()).isEqualTo("1");
        assertThat(r.migrations()).extracting(RehearsalResult.Migration::version).containsExactly("2", "3", "4", "5");
        RehearsalResult.Migration plans = r.migrations().get(0);
        assertThat(kinds(plans)).containsExactly("residue", "rerun-fails");
        assertThat(plans.problems().get(0).differences()).singleElement().satisfies(d -> {
            assertThat(d.object()).isEqualTo("table public.accounts");
            assertThat(d.properties()).extracting(SchemaDifference.Property::key, SchemaDifference.Property::change)
                    .containsExactly(tuple("index accounts_email", "extra"));
        });
        assertThat(plans.problems().get(1).message()).contains("relation \"accounts_email\" already exists");

        assertThat(kinds(r.migrations().get(1))).containsExactly("rerun-fails");
        assertThat(r.migrations().get(1).problems().get(0).message()).contains("duplicate key");

        RehearsalResult.Migration clean = r.migrations().get(2);
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.upMs()).isNotNull();
        assertThat(clean.downMs()).isNotNull();
        assertThat(clean.redoMs()).isNotNull();

        assertThat(kinds(r.migrations().get(3))).containsExactly("irreversible");
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).isEqualTo(4);

        assertThat(pg.tableExists("t4")).as("the target is only read").isFalse();
        assertThat(lockstep().status().currentVersion()).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname LIKE 'lockstep_rehearse_%'"))
                .as("the copies are dropped").isEqualTo("0");
    }

    @Test
    void aMigrationThatFailsStopsTheRehearsalOfTheOnesAfterIt() {
        m.write("V3__seed.sql", "INSERT INTO nowhere VALUES (1);");
        RehearsalResult r = lockstep().rehearse(null);
        assertThat(r.migrations()).extracting(RehearsalResult.Migration::version, x -> kinds(x)).containsExactly(
                tuple("2", List.of("residue", "rerun-fails")), tuple("3", List.of("fails")),
                tuple("4", List.of("not-rehearsed")), tuple("5", List.of("not-rehearsed")));
        assertThat(r.migrations().get(1).problems().get(0).message()).contains("relation \"nowhere\" does not exist");
    }

    @Test
    void cleanMigrationsPassAndTheLintGateIsReportedWithTheTargetsTableSizes() {
        pg.execute("INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 500) g; ANALYZE accounts");
        m.delete("V3__seed.sql");
        m.delete("U3__seed.sql");
        m.delete("V5__one_way.sql");
        m.write("U2__plans.sql", "DROP INDEX accounts_email; ALTER TABLE accounts DROP COLUMN plan;");
        RehearsalResult r = lockstep().rehearse(null);
        assertThat(r.passed()).as(r.toString()).isTrue();
        RehearsalResult.Migration plans = r.migrations().get(0);
        assertThat(plans.tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("accounts");
            assertThat(t.rows()).isEqualTo(500);
            assertThat(t.bytes()).isPositive();
        });
        assertThat(plans.lint()).anyMatch(l -> l.contains("[require-concurrent-index]")
                && l.contains("(does not block: accounts is small (~500 rows"));
    }

    @Test
    void rehearsesOnACopyOfABackupWithItsData() {
        pg.execute("INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 2000) g");
        BackupManifest backup = lockstep().backup();
        pg.execute("TRUNCATE accounts");
        m.delete("V5__one_way.sql");
        m.write("V3__seed.sql", "INSERT INTO settings SELECT 'count', count(*)::text FROM accounts;")
                .write("U3__seed.sql", "DELETE FROM settings WHERE key = 'count';");
        // The gate judges by the copy's 2,000 rows, not by the emptied target.
        RehearsalResult r = lockstep(1000).rehearse(root.resolve("backups").resolve(backup.file()));
        assertThat(r.fromDump()).isEqualTo("backups/" + backup.file());
        assertThat(r.version()).isEqualTo("1");
        assertThat(r.migrations()).extracting(RehearsalResult.Migration::version).containsExactly("2", "3", "4");
        assertThat(r.migrations().get(0).tables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("accounts");
            assertThat(t.rows()).as("analyzed on the restored copy, not read from the emptied target").isEqualTo(2000);
        });
        assertThat(r.migrations().get(0).lint()).anyMatch(l -> l.contains("[require-concurrent-index]")
                && l.contains("(blocks: accounts has ~2000 rows"));
        assertThat(kinds(r.migrations().get(1))).isEmpty();
        assertThat(kinds(r.migrations().get(0))).containsExactly("residue", "rerun-fails");
    }
}
