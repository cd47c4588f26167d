package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore gives back exactly the database of the backup: real pg_dump and pg_restore, a real server,
 * and migrations after the backup that a plain {@code pg_restore --clean} does not undo.
 */
class RestoreTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();
    private static final String APP = "restore_test_app";

    @TempDir
    Path root;
    MigrationsDir m;
    Path backups;

    @BeforeEach
    void setUp() {
        pg.reset();
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + APP + "') THEN "
                + "CREATE ROLE " + APP + " NOLOGIN; END IF; END $$");
        m = new MigrationsDir(root);
        backups = root.resolve("backups");
        m.write("V1__app.sql", """
                CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, legacy_note text);
                INSERT INTO accounts SELECT g, 'user' || g || '@example.com', 'note ' || g FROM generate_series(1, 300) g;
                CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), total int);
                INSERT INTO orders SELECT g, 1 + g % 300, g FROM generate_series(1, 900) g;
                CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
                COMMENT ON TABLE accounts IS 'one row per customer';
                GRANT USAGE ON SCHEMA public TO restore_test_app;
                GRANT SELECT ON accounts, big_orders TO restore_test_app;
                ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own_orders ON orders FOR SELECT TO restore_test_app USING (total > 0);
                GRANT SELECT ON orders TO restore_test_app;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO restore_test_app;
                """);
        lockstep().migrate();
    }

    @AfterEach
    void dropLeftovers() {
        for (List<String> row : pg.query("SELECT datname FROM pg_database WHERE datname LIKE '" + pg.database()
                + "\\_%'")) {
            pg.execute("DROP DATABASE IF EXISTS \"" + row.get(0) + "\" WITH (FORCE)");
        }
    }

    private Lockstep lockstep() {
        return lockstep(b -> { });
    }

    private Lockstep lockstep(java.util.function.Consumer<LockstepConfig.Builder> more) {
        return m.lockstep(pg.url(), b -> more.accept(b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0)
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep")).workDir(root)));
    }

    /** Everything the migrations after the backup change, and that a restore must undo. */
    private void migrateAfterTheBackup() {
        m.write("V2__after.sql", """
                -- lockstep:ignore ban-drop-column the test drops a column with data on purpose
                CREATE EXTENSION citext;
                CREATE TYPE invoice_state AS ENUM ('open', 'paid');
                CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id),
                    email citext, state invoice_state);
                INSERT INTO invoices VALUES (1, 1, 'A@example.com', 'open');
                CREATE FUNCTION invoice_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM invoices $$;
                CREATE SCHEMA reporting;
                CREATE TABLE reporting.daily (day date PRIMARY KEY, orders_id bigint REFERENCES orders (id));
                ALTER TABLE accounts DROP COLUMN legacy_note;
                REVOKE SELECT ON accounts FROM restore_test_app;
                REVOKE USAGE ON SCHEMA public FROM restore_test_app;
                ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT ON TABLES FROM restore_test_app;
                GRANT INSERT ON orders TO restore_test_app;
                ALTER TABLE orders DISABLE ROW LEVEL SECURITY;
                DROP POLICY own_orders ON orders;
                COMMENT ON TABLE accounts IS 'changed';
                """);
        lockstep().migrate();
    }

    @Test
    void restoreInPlaceGivesBackTheBackupsDatabaseExactly() throws Exception {
        String schemaBefore = schemaDump(pg.database());
        BackupManifest b = lockstep().backup();
        assertThat(b.catalog().objects()).containsKeys("table public.accounts", "policy public.orders.own_orders",
                "column public.accounts.legacy_note", "default privileges for postgres in public on tables");
        assertThat(b.catalog().rows()).containsEntry("public.accounts", 300L).containsEntry("public.orders", 900L);
        migrateAfterTheBackup();
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThat(asApp("SELECT has_schema_privilege('public', 'USAGE')::text")).isEqualTo("false");

        RestoreResult r = lockstep().restore(backups.resolve(b.file()), null);

        assertThat(r.identical()).isTrue();
        assertThat(r.differences()).isEmpty();
        assertThat(r.migrationVersion()).isEqualTo("1");
        assertThat(r.previousDatabase()).isNull();
        assertThat(schemaDump(pg.database())).isEqualTo(schemaBefore);
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(pg.tableExists("reporting.daily")).isFalse();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_type WHERE typname = 'invoice_state'")).isEqualTo("0");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_proc WHERE proname = 'invoice_count'")).isEqualTo("0");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_extension WHERE extname = 'citext'")).isEqualTo("0");
        assertThat(pg.queryValue("SELECT count(*) FROM accounts WHERE legacy_note = 'note ' || id")).isEqualTo("300");
        assertThat(pg.queryValue("SELECT obj_description('accounts'::regclass)")).isEqualTo("one row per customer");
        assertThat(pg.queryValue("SELECT relrowsecurity::text FROM pg_class WHERE relname = 'orders'")).isEqualTo("true");
        assertThat(asApp("SELECT has_schema_privilege('public', 'USAGE')::text")).isEqualTo("true");
        assertThat(asApp("SELECT count(*) FROM accounts")).isEqualTo("300");
        assertThat(asApp("SELECT count(*) FROM big_orders")).isEqualTo("800");
        assertThat(pg.queryValue("SELECT defaclacl::text FROM pg_default_acl")).isEqualTo("{" + APP + "=r/postgres}");
        assertThatThrownBy(() -> asApp("INSERT INTO orders VALUES (5000, 1, 1) RETURNING id"))
                .hasMessageContaining("permission denied");
        assertThat(leftoverDatabases()).isEmpty();

        MigrateResult again = lockstep().migrate();
        assertThat(again.executed()).extracting(AppliedMigration::version).containsExactly("2");
    }

    @Test
    void restoreIntoANewDatabaseIsComparedTheSameWayAndLeavesTheTargetAlone() {
        BackupManifest b = lockstep().backup();
        migrateAfterTheBackup();
        String fresh = pg.database() + "_copy";

        RestoreResult r = lockstep().restore(backups.resolve(b.file()), fresh);

        assertThat(r.newDatabase()).isTrue();
        assertThat(r.database()).isEqualTo(fresh);
        assertThat(r.identical()).isTrue();
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThatThrownBy(() -> lockstep().restore(backups.resolve(b.file()), fresh))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains(fresh + " already exists").contains("nothing was restored");
                });
        assertThatThrownBy(() -> lockstep().restore(backups.resolve(b.file()), pg.database()))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    }

    @Test
    void aRoleTheDumpNamesThatDoesNotExistIsRefusedBeforeAnythingChanges() {
        pg.execute("CREATE ROLE \"Restore Gone\" NOLOGIN");
        pg.execute("GRANT SELECT ON accounts TO \"Restore Gone\"");
        BackupManifest b = lockstep().backup();
        pg.execute("REVOKE ALL ON accounts FROM \"Restore Gone\"");
        pg.execute("DROP ROLE \"Restore Gone\"");
        migrateAfterTheBackup();

        assertThatThrownBy(() -> lockstep().restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("1 role(s) that do not exist").contains("Restore Gone")
                            .contains("nothing was restored");
                    assertThat(e.hint()).contains("CREATE ROLE");
                });
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThat(lockstep().status().currentVersion()).isEqualTo("2");
        assertThat(leftoverDatabases()).isEmpty();
    }

    @Test
    void aRestoreThatFailsHalfWayLeavesTheTargetAsItWasAndNoCopyBehind() throws Exception {
        BackupManifest b = lockstep().backup();
        migrateAfterTheBackup();
        Path tools = Files.createDirectories(root.resolve("tools"));
        String real = which("pg_restore");
        Path fake = Files.writeString(tools.resolve("pg_restore"), "#!/bin/sh\n"
                + "case \"$*\" in *--version*|*--schema-only*) exec " + real + " \"$@\";; esac\n"
                + real + " --section=pre-data \"$@\" || exit 1\n"
                + "echo 'pg_restore: error: could not write to the server: disk full' >&2\nexit 1\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> lockstep(x -> x.set(Setting.PG_BIN, tools)).restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("pg_restore failed (exit 1)").contains("disk full")
                            .contains(pg.database() + " was not touched").contains("was dropped");
                });
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("300");
        assertThat(lockstep().status().currentVersion()).isEqualTo("2");
        assertThat(leftoverDatabases()).isEmpty();
    }

    @Test
    void aPgRestoreOlderThanThePgDumpThatWroteTheDumpIsRefusedBeforeAnythingChanges() throws IOException {
        BackupManifest b = lockstep().backup();
        Path old = Files.createDirectories(root.resolve("old-tools"));
        Path fake = Files.writeString(old.resolve("pg_restore"), "#!/bin/sh\necho 'pg_restore (PostgreSQL) 12.3'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> lockstep(x -> x.set(Setting.PG_BIN, old)).restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("pg_restore 12.3 (" + old.resolve("pg_restore") + "), the one in "
                            + "pg-bin, is older than the pg_dump 15").contains("nothing was restored");
                    assertThat(e.hint()).contains("PostgreSQL 15 client tools");
                });
        assertThat(leftoverDatabases()).isEmpty();
    }

    @Test
    void aDumpDamagedInPlaceIsCaughtByItsChecksumBeforeTheTargetIsTouched() throws IOException {
        BackupManifest b = lockstep().backup();
        migrateAfterTheBackup();
        Path dump = backups.resolve(b.file());
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length - 10] ^= 0x5a;
        Files.write(dump, bytes);

        assertThatThrownBy(() -> lockstep().restore(dump, null)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
            assertThat(e.getMessage()).contains("does not match its manifest (sha256")
                    .contains(pg.database() + " was not touched");
        });
        assertThat(pg.tableExists("invoices")).isTrue();
        assertThat(leftoverDatabases()).isEmpty();
    }

    @Test
    void aDifferenceFromTheFingerprintIsReportedWithExit5AndTheReplacedDatabaseIsKept() throws IOException {
        BackupManifest b = lockstep().backup();
        migrateAfterTheBackup();
        Path manifest = backups.resolve(b.file() + ".manifest.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(manifest.toFile());
        ((ObjectNode) doc.path("catalog").path("rows")).put("public.accounts", 301);
        json.writeValue(manifest.toFile(), doc);

        assertThatThrownBy(() -> lockstep().restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(RestoreMismatchException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.result().identical()).isFalse();
                    assertThat(e.result().differences())
                            .containsExactly("rows of public.accounts: 301 in the backup, 300 now");
                    assertThat(e.result().previousDatabase()).startsWith(pg.database() + "_replaced_");
                    assertThat(e.hint()).contains(e.result().previousDatabase());
                });
        assertThat(pg.tableExists("invoices")).isFalse();
        assertThat(leftoverDatabases()).hasSize(1).allMatch(d -> d.contains("_replaced_"));
    }

    @Test
    void aManifestWithoutAFingerprintIsComparedByItsMigrationVersionAndSaysSo() throws IOException {
        BackupManifest b = lockstep().backup();
        Path manifest = backups.resolve(b.file() + ".manifest.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(manifest.toFile());
        doc.remove("catalog");
        json.writeValue(manifest.toFile(), doc);

        RestoreResult r = lockstep().restore(backups.resolve(b.file()), null);

        assertThat(r.identical()).isNull();
        assertThat(r.notes()).anyMatch(n -> n.contains("no catalog fingerprint"));
        assertThat(r.migrationVersion()).isEqualTo("1");
    }

    @Test
    void aRoleThatMayNotSetEveryOwnerRestoresWithoutOwnersAndSaysSoAndOnlyTheOwnerMayReplace() throws SQLException {
        pg.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'restore_test_owner') THEN "
                + "CREATE ROLE restore_test_owner LOGIN PASSWORD 'owner-pw' CREATEDB; "
                + "CREATE ROLE restore_test_other NOLOGIN; "
                + "CREATE ROLE restore_test_bystander LOGIN PASSWORD 'bystander-pw' CREATEDB; END IF; END $$");
        String db = pg.database() + "_own";
        pg.execute("CREATE DATABASE " + db + " OWNER restore_test_owner");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + db
                + "?user=postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE mine (id int); INSERT INTO mine VALUES (1), (2); "
                    + "ALTER TABLE mine OWNER TO restore_test_owner; "
                    + "CREATE TABLE theirs (id int); INSERT INTO theirs VALUES (1); "
                    + "ALTER TABLE theirs OWNER TO restore_test_other; "
                    + "GRANT SELECT ON theirs TO restore_test_owner, " + APP);
        }
        String at = "@localhost:" + pg.port() + "/" + db;
        Lockstep asOwner = m.lockstep("postgres://restore_test_owner:owner-pw" + at, b -> b
                .set(Setting.BACKUP_DIR, backups).set(Setting.EMBEDDED_DIR, root.resolve(".lockstep")).workDir(root));
        BackupManifest b = asOwner.backup();
        assertThat(b.catalog().objects().get("table public.theirs")).containsEntry("owner", "restore_test_other");

        assertThatThrownBy(() -> m.lockstep("postgres://restore_test_bystander:bystander-pw" + at, x -> x
                .set(Setting.BACKUP_DIR, backups).workDir(root)).restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("does not own " + db).contains("nothing was restored");
                });

        RestoreResult r = asOwner.restore(backups.resolve(b.file()), null);

        assertThat(r.identical()).as(String.join("\n", r.differences())).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("ownership was not restored: restore_test_owner may not act "
                + "as restore_test_other"));
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + db
                + "?user=postgres"); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_get_userbyid(relowner), has_table_privilege('" + APP
                     + "', 'theirs', 'SELECT') FROM pg_class WHERE relname = 'theirs'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("restore_test_owner");
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }

    private String asApp(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + APP);
            try (var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<String> leftoverDatabases() {
        return pg.query("SELECT datname FROM pg_database WHERE datname LIKE '" + pg.database() + "\\_%'").stream()
                .map(row -> row.get(0)).toList();
    }

    /** pg_dump --schema-only of a database, without the lines that change from run to run. */
    private String schemaDump(String database) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "--schema-only", "--dbname=" + database)
                .redirectErrorStream(true);
        pb.environment().put("PGHOST", "localhost");
        pb.environment().put("PGPORT", Integer.toString(pg.port()));
        pb.environment().put("PGUSER", "postgres");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return String.join("\n", out.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .toList());
    }

    private static String which(String tool) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        return path;
    }
}
