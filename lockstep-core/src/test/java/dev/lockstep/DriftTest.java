package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DriftTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        FreshSchema.reset(pg);
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n"
                        + "CREATE INDEX accounts_email ON accounts (email);")
                .write("U2__audit.sql", "DROP TRIGGER accounts_audit ON accounts; DROP FUNCTION audit();")
                .write("V2__audit.sql", "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                        + "BEGIN\n  RETURN NEW;\nEND;\n$$;\n"
                        + "CREATE TRIGGER accounts_audit AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION audit();")
                .write("V3__concurrent.sql", "CREATE INDEX CONCURRENTLY accounts_id_email ON accounts (id, email);")
                .write("V4__pending.sql", "CREATE TABLE later (id int);");
    }

    /** The scratch databases go on the test server (the embedded default is covered by the command-line test). */
    private Lockstep lockstep() {
        return m.lockstep(pg.url(), b -> b.set(Setting.SCRATCH_URL,
                "postgres://postgres@localhost:" + pg.port() + "/postgres"));
    }

    @Test
    void noneAfterACleanMigrateAndStatusSaysSo() {
        lockstep().migrate(MigrateOptions.ALL.withTarget("3"));
        assertThat(lockstep().status().drift().describe()).startsWith("unknown");

        DriftResult r = lockstep().drift();
        assertThat(r.fromMigrations()).isEmpty();
        assertThat(r.drifted()).isFalse();
        assertThat(r.version()).isEqualTo("3");
        assertThat(r.fromSnapshotFile()).isNull();
        assertThat(lockstep().status().drift()).satisfies(d -> {
            assertThat(d.state()).isEqualTo("none");
            assertThat(d.describe()).startsWith("none (checked ");
        });
        assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname LIKE 'lockstep_drift_%'"))
                .as("the scratch database is dropped").isEqualTo("0");
    }

    @Test
    void aManualAlterTableIsDrift() {
        lockstep().migrate(MigrateOptions.ALL.withTarget("3"));
        pg.execute("ALTER TABLE accounts ADD COLUMN nickname text");

        DriftResult r = lockstep().drift();
        assertThat(r.drifted()).isTrue();
        assertThat(r.fromMigrations()).hasSize(1);
        SchemaDifference d = r.fromMigrations().get(0);
        assertThat(d.object()).isEqualTo("table public.accounts");
        assertThat(d.properties()).extracting(SchemaDifference.Property::key, SchemaDifference.Property::change,
                SchemaDifference.Property::found).containsExactly(tuple("column nickname", "extra", "text"));
        assertThat(lockstep().status().drift().describe()).startsWith("1 difference (checked ");
    }

    @Test
    void aDroppedIndexAndFunctionBodyChangeAreDrift() {
        lockstep().migrate(MigrateOptions.ALL.withTarget("3"));
        pg.execute("DROP INDEX accounts_email");
        pg.execute("CREATE OR REPLACE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");

        DriftResult r = lockstep().drift();
        assertThat(r.fromMigrations()).extracting(SchemaDifference::object, SchemaDifference::change).containsExactly(
                tuple("table public.accounts", "changed"), tuple("function public.audit()", "changed"));
        assertThat(r.fromMigrations().get(0).properties()).extracting(SchemaDifference.Property::key,
                SchemaDifference.Property::change).containsExactly(tuple("index accounts_email", "missing"));
        assertThat(r.fromMigrations().get(1).properties()).extracting(SchemaDifference.Property::key)
                .containsExactly("body");
    }

    @Test
    void aMigrationAppliedAsAnotherRoleIsNotDrift() {
        pg.execute("DROP ROLE IF EXISTS drift_app; CREATE ROLE drift_app LOGIN PASSWORD 'secret' CREATEROLE;"
                + "ALTER DATABASE " + pg.database() + " OWNER TO drift_app");
        String asApp = "postgres://drift_app:secret@localhost:" + pg.port() + "/" + pg.database();
        m.write("V5__grant.sql", "DO $$ BEGIN CREATE ROLE drift_reader NOLOGIN; EXCEPTION WHEN duplicate_object "
                + "THEN NULL; END $$;\nGRANT SELECT ON accounts TO drift_reader;");
        m.lockstep(asApp).migrate();
        DriftResult r = m.lockstep(asApp, b -> b.set(Setting.SCRATCH_URL,
                "postgres://postgres@localhost:" + pg.port() + "/postgres")).drift();
        assertThat(r.fromMigrations()).as("the scratch role (postgres) stands for the migration role").isEmpty();
        pg.execute("ALTER DATABASE " + pg.database() + " OWNER TO postgres; DROP OWNED BY drift_app CASCADE; "
                + "DROP OWNED BY drift_reader; DROP ROLE drift_app; DROP ROLE drift_reader");
    }

    @Test
    void theCommittedSnapshotFileIsComparedWhenPresent() throws Exception {
        lockstep().migrate(MigrateOptions.ALL.withTarget("3"));
        Path file = root.resolve("schema.snapshot");
        Lockstep withFile = m.lockstep(pg.url(), b -> b.set(Setting.SCRATCH_URL, "postgres://postgres@localhost:"
                + pg.port() + "/postgres").set(Setting.SNAPSHOT_FILE, file).workDir(root));
        assertThat(withFile.drift().fromSnapshotFile()).as("no file yet: not compared").isNull();
        withFile.snapshot(file);
        assertThat(withFile.drift().fromSnapshotFile()).isEmpty();

        Files.writeString(file, Files.readString(file).replace("  column email: text NOT NULL\n",
                "  column email: text NOT NULL\n  column plan: text\n"));
        DriftResult r = withFile.drift();
        assertThat(r.fromMigrations()).isEmpty();
        assertThat(r.fromSnapshotFile()).extracting(SchemaDifference::object).containsExactly("table public.accounts");
        assertThat(r.fromSnapshotFile().get(0).properties().get(0).change()).isEqualTo("missing");
        assertThat(r.snapshotFile()).isEqualTo("schema.snapshot");

        Files.writeString(file, "CREATE TABLE accounts ();");
        assertThatThrownBy(withFile::drift).isInstanceOf(LockstepException.class)
                .hasMessageContaining("schema.snapshot cannot be read: line 1")
                .satisfies(e -> assertThat(((LockstepException) e).code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void migrateRefreshesTheSnapshotFile() throws Exception {
        Path file = root.resolve("db/schema.snapshot");
        Lockstep withFile = m.lockstep(pg.url(), b -> b.set(Setting.SNAPSHOT_FILE, file).workDir(root));
        withFile.migrate(MigrateOptions.ALL.withTarget("1"));
        assertThat(Files.readString(file)).contains("table public.accounts").doesNotContain("function public.audit()");
        withFile.migrate(MigrateOptions.ALL.withTarget("2"));
        assertThat(Files.readString(file)).contains("function public.audit()");
        withFile.rollback(RollbackOptions.steps(1));
        assertThat(m.notices).anyMatch(n -> n.startsWith("wrote the schema snapshot db/schema.snapshot"));
    }

    @Test
    void aMigrationThatCannotBeReplayedIsAnErrorNotADiff() {
        lockstep().migrate(MigrateOptions.ALL.withTarget("3"));
        pg.execute("CREATE TABLE manual (id int)");
        m.write("V3__concurrent.sql", "CREATE INDEX CONCURRENTLY accounts_id_email ON manual (id);");
        assertThatThrownBy(() -> lockstep().drift()).isInstanceOf(LockstepException.class)
                .hasMessageContaining("applying the migrations on a scratch database failed");
    }
}
