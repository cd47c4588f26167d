package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Real pg_dump and pg_restore against a real server. */
class BackupTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    Path backups;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        backups = root.resolve("backups");
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n"
                + "INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 500) g;\n"
                + "CREATE VIEW active AS SELECT id FROM accounts WHERE id % 2 = 0;");
        lockstep().migrate();
    }

    private Lockstep lockstep() {
        return m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0));
    }

    private String schema() {
        return String.join("\n", pg.query("SELECT table_name || ':' || column_name || ':' || data_type FROM "
                + "information_schema.columns WHERE table_schema = 'public' ORDER BY 1").stream()
                .map(r -> r.get(0)).toList());
    }

    @Test
    void backupThenADestructiveMigrationThenRestoreGivesBackTheDataAndSchema() {
        String schemaBefore = schema();
        BackupManifest b = lockstep().backup();
        assertThat(backups.resolve(b.file())).exists();
        assertThat(backups.resolve(b.file() + ".manifest.json")).exists();
        assertThat(b.sha256()).hasSize(64);
        assertThat(b.migrationVersion()).isEqualTo("1");
        assertThat(b.database()).isEqualTo(pg.database());
        assertThat(b.serverVersion()).startsWith(pg.serverVersion() + ".");
        assertThat(Integer.parseInt(b.pgDumpVersion().split("\\.")[0])).isGreaterThanOrEqualTo(pg.serverVersion());
        assertThat(m.notices).anyMatch(n -> n.startsWith("using pg_dump " + b.pgDumpVersion() + " (/"));

        m.write("V2__destroy.sql", "-- lockstep:ignore ban-drop-table the test destroys on purpose\n"
                + "DROP VIEW active;\nDROP TABLE accounts;\nCREATE TABLE other (x int);");
        m.lockstep(pg.url()).migrate();
        assertThat(pg.tableExists("accounts")).isFalse();

        assertThat(lockstep().restore(backups.resolve(b.file()), null)).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("500");
        assertThat(pg.queryValue("SELECT count(*) FROM active")).isEqualTo("250");
        assertThat(schema()).isEqualTo(schemaBefore + "\nother:x:integer");
        assertThat(lockstep().status().currentVersion()).isEqualTo("1");
    }

    @Test
    void restoresIntoANewDatabaseLeavingTheTargetAlone() {
        BackupManifest b = lockstep().backup();
        String fresh = pg.database() + "_copy";
        pg.execute("DROP DATABASE IF EXISTS " + fresh);
        assertThat(lockstep().restore(backups.resolve(b.file()), fresh)).isEqualTo("1");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + fresh + "'")).isEqualTo("1");
        pg.execute("DROP DATABASE " + fresh + " WITH (FORCE)");
    }

    @Test
    void listsBackupsNewestFirstAndKeepsOnlyTheConfiguredNumber() {
        Lockstep keepTwo = m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 2));
        BackupManifest first = keepTwo.backup();
        keepTwo.backup();
        BackupManifest third = keepTwo.backup();
        List<BackupManifest> listed = keepTwo.backups();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).file()).isEqualTo(third.file());
        assertThat(backups.resolve(first.file())).doesNotExist();
        assertThat(m.notices).anyMatch(n -> n.contains("deleted old backup " + first.file()));
    }

    @Test
    void aDumpThatDoesNotMatchItsManifestIsRefusedBeforeAnythingIsTouched() throws IOException {
        BackupManifest b = lockstep().backup();
        Files.write(backups.resolve(b.file()), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        pg.execute("INSERT INTO accounts VALUES (9999, 'after@example.com')");
        assertThatThrownBy(() -> lockstep().restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("does not match its manifest").contains("nothing was restored");
                });
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("501");
    }

    @Test
    void aDumpFromAnotherEnvironmentIsRefused() {
        BackupManifest b = m.lockstep(pg.url(), x -> x.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0).environment("staging").set(Setting.PROTECTED, false)).backup();
        assertThat(b.environment()).isEqualTo("staging");
        assertThat(b.file()).startsWith("staging-");
        assertThatThrownBy(() -> m.lockstep(pg.url(), x -> x.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0).environment("production").set(Setting.PROTECTED, true))
                .restore(backups.resolve(b.file()), null)).isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("'staging', not 'production'");
                });
    }

    @Test
    void aMissingPgDumpOrAnUnusableDirectoryIsAClearError() throws IOException {
        Path empty = Files.createDirectories(root.resolve("no-tools"));
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0).set(Setting.PG_BIN, empty)).backup())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("no-tools/pg_dump");
                    assertThat(e.hint()).contains("postgresql-client");
                });
        Path file = Files.writeString(root.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, file).set(Setting.BACKUP_KEEP, 0)).backup())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("as the backup directory"));
    }

    @Test
    void aPgDumpOlderThanTheServerIsRefusedAndWritesNothing() throws IOException {
        Path old = Files.createDirectories(root.resolve("old-tools"));
        Path fake = Files.writeString(old.resolve("pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.3'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0).set(Setting.PG_BIN, old)).backup())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("pg_dump 12.3 (" + old.resolve("pg_dump") + "), the one in "
                            + "pg-bin, is older than the server (" + pg.serverVersion() + ".").contains("nothing was written");
                    assertThat(e.hint()).contains("PostgreSQL " + pg.serverVersion() + " client tools");
                });
        assertThat(lockstep().backups()).isEmpty();
    }
}
