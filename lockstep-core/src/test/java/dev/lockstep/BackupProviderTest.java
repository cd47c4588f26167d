package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command and template backup providers, against a real server and a real shell. */
class BackupProviderTest {
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
                + "INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 300) g;");
        m.lockstep(pg.url()).migrate();
    }

    private Lockstep with(String provider, String command, int keep) {
        return m.lockstep(pg.url(), b -> b.set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, keep).set(Setting.BACKUP_PROVIDER, provider).set(Setting.BACKUP_COMMAND, command));
    }

    private void dropCopies() {
        for (var row : pg.query("SELECT datname FROM pg_database WHERE datname LIKE '" + pg.database() + "\\_2%'")) {
            pg.execute("DROP DATABASE IF EXISTS " + row.get(0) + " WITH (FORCE)");
        }
    }

    @Test
    void theCommandProviderRunsTheCommandWithTheConnectionAndRecordsItsLastLine() throws Exception {
        Path seen = root.resolve("seen.txt");
        String command = "echo \"$LOCKSTEP_BACKUP_NAME $PGHOST $PGPORT $PGDATABASE $PGUSER\" > '" + seen + "'; "
                + "echo snapshotting; echo snap-$PGDATABASE-42";
        BackupManifest b = with("command", command, 0).backup();

        assertThat(b.providerName()).isEqualTo("command");
        assertThat(b.location()).isEqualTo("snap-" + pg.database() + "-42");
        assertThat(b.migrationVersion()).isEqualTo("1");
        assertThat(Files.readString(seen).strip()).isEqualTo(b.file() + " localhost " + pg.port() + " "
                + pg.database() + " postgres");
        assertThat(backups.resolve(b.file() + ".manifest.json")).exists();
        assertThat(m.notices).containsSubsequence("backup-command: snapshotting",
                "backup-command: snap-" + pg.database() + "-42");
        assertThat(with("command", command, 0).backups()).extracting(BackupManifest::location)
                .containsExactly(b.location());

        assertThatThrownBy(() -> with("pg_dump", null, 0).restore(backups.resolve(b.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("cannot restore").contains(b.location());
                });
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("300");
    }

    @Test
    void aFailingCommandIsAnErrorAndLeavesNoManifest() {
        assertThatThrownBy(() -> with("command", "echo disk full >&2; exit 3", 0).backup())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("exit 3").contains("disk full");
                });
        assertThat(listed()).isEmpty();
    }

    @Test
    void theCommandProviderWithoutACommandOrAnUnknownProviderIsAConfigError() {
        assertThatThrownBy(() -> with("command", null, 0).backup()).isInstanceOfSatisfying(LockstepException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.hint()).contains("backup-command");
                });
        assertThatThrownBy(() -> with("s3", null, 0).backup()).isInstanceOfSatisfying(LockstepException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("'s3'");
                });
        assertThat(listed()).isEmpty();
    }

    @Test
    void theTemplateProviderCopiesTheDatabaseAndRestoresItInPlace() {
        try {
            BackupManifest b = with("template", null, 0).backup();
            assertThat(b.providerName()).isEqualTo("template");
            assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + b.location() + "'"))
                    .isEqualTo("1");

            pg.execute("DELETE FROM accounts WHERE id > 100");
            m.write("V2__more.sql", "CREATE TABLE later (x int);");
            m.lockstep(pg.url()).migrate();

            RestoreResult r = with("template", null, 0).restore(backups.resolve(b.file()), null);
            assertThat(r.migrationVersion()).isEqualTo("1");
            assertThat(r.identical()).isTrue();
            assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("300");
            assertThat(pg.tableExists("later")).isFalse();
            assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + b.location() + "'"))
                    .isEqualTo("1");

            String fresh = pg.database() + "_inspect";
            assertThat(with("template", null, 0).restore(backups.resolve(b.file()), fresh).identical()).isTrue();
            pg.execute("DROP DATABASE " + fresh);
        } finally {
            dropCopies();
        }
    }

    @Test
    void theTemplateProviderRefusesADatabaseWithOtherSessionsAndWritesNothing() throws Exception {
        try (Connection busy = pg.connect()) {
            assertThatThrownBy(() -> with("template", null, 0).backup())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                        assertThat(e.getMessage()).contains("other sessions");
                        assertThat(e.hint()).contains("pg_dump");
                    });
        }
        assertThat(listed()).isEmpty();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname LIKE '" + pg.database() + "\\_2%'"))
                .isEqualTo("0");
    }

    @Test
    void backupKeepDropsOldTemplateCopies() {
        try {
            Lockstep keepOne = with("template", null, 1);
            BackupManifest first = keepOne.backup();
            BackupManifest second = keepOne.backup();
            assertThat(keepOne.backups()).extracting(BackupManifest::file).containsExactly(second.file());
            assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + first.location() + "'"))
                    .isEqualTo("0");
            assertThat(pg.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + second.location() + "'"))
                    .isEqualTo("1");
        } finally {
            dropCopies();
        }
    }

    @Test
    void aProviderOnTheClassPathIsFoundByNameAndRetiredByBackupKeep() {
        MemoBackupProvider.KEPT.clear();
        Lockstep memo = with("memo", null, 1);
        BackupManifest first = memo.backup();
        BackupManifest second = memo.backup();
        assertThat(second.location()).isEqualTo("memo:" + second.file());
        assertThat(second.migrationVersion()).isEqualTo("1");
        assertThat(MemoBackupProvider.KEPT).containsExactly(second.file());
        assertThat(memo.backups()).extracting(BackupManifest::file).containsExactly(second.file())
                .doesNotContain(first.file());
        assertThatThrownBy(() -> memo.restore(backups.resolve(second.file()), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("memo backup provider cannot restore"));
    }

    @Test
    void aFailedDeployRestoresTheTemplateCopyWhenAsked() throws Exception {
        Files.createDirectories(root.resolve("verify"));
        Files.writeString(root.resolve("verify/no-nulls.sql"), "SELECT id FROM accounts WHERE email IS NULL;");
        m.write("V2__break.sql", "ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;\n"
                + "UPDATE accounts SET email = NULL WHERE id <= 10;");
        Lockstep deploying = m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0)
                .set(Setting.BACKUP_PROVIDER, "template").set(Setting.EMBEDDED_DIR, root.resolve(".lockstep"))
                .set(Setting.VERIFY_DIR, root.resolve("verify")));
        try {
            assertThatThrownBy(() -> deploying.deploy(new DeployOptions(false, null, DeployOptions.OnFailure.RESTORE)))
                    .isInstanceOfSatisfying(DeployFailedException.class, e -> {
                        assertThat(e.getMessage()).contains("step verify");
                        assertThat(e.result().backup().providerName()).isEqualTo("template");
                        assertThat(e.result().undo().outcome()).isEqualTo("done");
                        assertThat(e.result().undo().restore().identical()).isTrue();
                        assertThat(e.result().rollbackOptions()).isEmpty();
                    });
            assertThat(pg.queryValue("SELECT count(*) FROM accounts WHERE email IS NULL")).isEqualTo("0");
            assertThat(m.lockstep(pg.url()).status().currentVersion()).isEqualTo("1");
        } finally {
            dropCopies();
        }
    }

    @Test
    void aFailedDeployWithACommandBackupPointsAtTheSnapshot() throws Exception {
        Files.createDirectories(root.resolve("verify"));
        Files.writeString(root.resolve("verify/never.sql"), "SELECT 1;");
        m.write("V2__more.sql", "CREATE TABLE later (x int);");
        Lockstep deploying = m.lockstep(pg.url(), b -> b.workDir(root).set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_KEEP, 0)
                .set(Setting.BACKUP_PROVIDER, "command").set(Setting.BACKUP_COMMAND, "echo snap-7")
                .set(Setting.EMBEDDED_DIR, root.resolve(".lockstep"))
                .set(Setting.VERIFY_DIR, root.resolve("verify")));
        assertThatThrownBy(() -> deploying.deploy(new DeployOptions(false, null, DeployOptions.OnFailure.NONE)))
                .isInstanceOfSatisfying(DeployFailedException.class, e -> assertThat(
                        e.result().rollbackOptions()).contains("restore command backup at snap-7 with the tools that took it")
                        .noneMatch(o -> o.startsWith("lockstep restore")));
    }

    @Test
    void theCommandProviderRestoresWithRestoreCommandAndTheResultIsComparedWithTheBackup() throws Exception {
        Path restore = Files.writeString(root.resolve("restore-snapshot.sh"), """
                #!/bin/sh
                set -e
                echo "restoring $LOCKSTEP_BACKUP_LOCATION into $LOCKSTEP_RESTORE_DATABASE as $PGUSER"
                psql -X -q -v ON_ERROR_STOP=1 -d postgres \\
                  -c "DROP DATABASE IF EXISTS \\"$LOCKSTEP_RESTORE_DATABASE\\" WITH (FORCE)" \\
                  -c "CREATE DATABASE \\"$LOCKSTEP_RESTORE_DATABASE\\" TEMPLATE template0"
                pg_restore --exit-on-error -d "$LOCKSTEP_RESTORE_DATABASE" "$LOCKSTEP_BACKUP_LOCATION"
                """);
        assertThat(restore.toFile().setExecutable(true)).isTrue();
        String snapshot = "pg_dump -Fc -f \"$LOCKSTEP_BACKUP_DIR/$LOCKSTEP_BACKUP_NAME.snap\" && "
                + "echo \"$LOCKSTEP_BACKUP_DIR/$LOCKSTEP_BACKUP_NAME.snap\"";
        java.util.function.Function<String, Lockstep> lockstep = command -> m.lockstep(pg.url(), b -> b
                .set(Setting.BACKUP_DIR, backups).set(Setting.BACKUP_PROVIDER, "command")
                .set(Setting.BACKUP_COMMAND, snapshot).set(Setting.RESTORE_COMMAND, command));
        BackupManifest b = lockstep.apply(restore.toString()).backup();
        assertThat(b.location()).endsWith(b.file() + ".snap");
        assertThat(b.catalog().rows()).containsEntry("public.accounts", 300L);
        pg.execute("DELETE FROM accounts WHERE id > 100");
        pg.execute("CREATE TABLE after_the_snapshot (x int)");

        RestoreResult r = lockstep.apply(restore.toString()).restore(backups.resolve(b.file()), null);

        assertThat(r.provider()).isEqualTo("command");
        assertThat(r.identical()).isTrue();
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("300");
        assertThat(pg.tableExists("after_the_snapshot")).isFalse();
        assertThat(m.notices).contains("restore-command: restoring " + b.location() + " into " + pg.database()
                + " as postgres");

        assertThatThrownBy(() -> lockstep.apply("echo cannot reach the snapshot service; exit 3")
                .restore(backups.resolve(b.file()), null)).isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).contains("the restore command failed (exit 3)")
                            .contains("cannot reach the snapshot service").contains(pg.database()
                                    + " is as the command left it");
                });
        assertThat(pg.queryValue("SELECT count(*) FROM accounts")).isEqualTo("300");
    }

    private java.util.List<BackupManifest> listed() {
        return with("pg_dump", null, 0).backups();
    }
}
