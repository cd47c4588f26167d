package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLoaderTest {
    @TempDir
    Path dir;

    private final MigrationLoader loader = new MigrationLoader();

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsFlywayStyleWithDownAndRepeatable() throws IOException {
        write("V1__create_users.sql", "CREATE TABLE users (id int);");
        write("U1__create_users.sql", "DROP TABLE users;");
        write("V1.10__later.sql", "SELECT 1;");
        write("V1.9__earlier.sql", "SELECT 1;");
        write("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;");
        write("README.md", "not a migration");
        MigrationSet set = loader.load(dir);
        assertThat(set.style()).isEqualTo(NamingStyle.FLYWAY);
        assertThat(set.versioned()).extracting(m -> m.version().text()).containsExactly("1", "1.9", "1.10");
        assertThat(set.versioned().get(0).description()).isEqualTo("create users");
        assertThat(set.versioned().get(0).down().text()).isEqualTo("DROP TABLE users;");
        assertThat(set.versioned().get(1).hasDown()).isFalse();
        assertThat(set.repeatable()).extracting(ResolvedMigration::description).containsExactly("views");
    }

    @Test
    void theLintLoaderReadsTheSameMigrationsWithoutChecksums() throws IOException {
        write("V1__create_users.sql", "\uFEFFCREATE TABLE users (id int);");
        write("U1__create_users.sql", "DROP TABLE users;");
        write("V2__more.sql", "-- lockstep:lock-timeout 5s\nSELECT 1;");
        MigrationSet full = loader.load(dir);
        MigrationSet lint = MigrationLoader.forLint(null).load(dir);
        assertThat(full.versioned()).allSatisfy(m -> assertThat(m.checksum()).hasSize(64));
        assertThat(lint.versioned()).allSatisfy(m -> assertThat(m.checksum()).isNull());
        assertThat(lint.versioned()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("checksum")
                .isEqualTo(full.versioned());
        assertThat(lint.versioned().get(0).up().text()).isEqualTo("CREATE TABLE users (id int);");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingIt() throws IOException {
        Files.write(dir.resolve("V1__latin1.sql"), new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\'', ';'});
        for (MigrationLoader l : new MigrationLoader[] {loader, MigrationLoader.forLint(null)}) {
            assertThatThrownBy(() -> l.load(dir)).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
                assertThat(e.getMessage()).contains("V1__latin1.sql is not valid UTF-8");
            });
        }
    }

    @Test
    void aMigrationDirectoryWhoseNameEndsInDotSqlIsStillADirectory() throws IOException {
        // .sql names are read as files without a stat first; one that is a directory is then read as one.
        write("1_init/up.sql", "CREATE TABLE a (id int);");
        write("2_more.sql/up.sql", "CREATE TABLE b (id int);");
        write("2_more.sql/down.sql", "DROP TABLE b;");
        MigrationSet set = loader.load(dir);
        assertThat(set.style()).isEqualTo(NamingStyle.DIRECTORY);
        assertThat(set.versioned()).extracting(m -> m.up().text())
                .containsExactly("CREATE TABLE a (id int);", "CREATE TABLE b (id int);");
        assertThat(set.versioned().get(1).hasDown()).isTrue();
    }

    @Test
    void migrationsInsideAJarAreReadThroughItsFileSystem() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            for (int i = 1; i <= 40; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("db/migration/V" + i + "__step.sql"));
                zip.write(("CREATE TABLE t" + i + " (id int);").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(jar)) {
            MigrationSet set = loader.load(fs.getPath("/db/migration"));
            assertThat(set.versioned()).hasSize(40);
            assertThat(set.versioned().get(39).up().text()).isEqualTo("CREATE TABLE t40 (id int);");
        }
    }

    @Test
    void theReplacementCharacterWrittenAsSuchIsReadAsIt() throws IOException {
        // U+FFFD saved as UTF-8 (EF BF BD) is valid text, unlike a byte the decoder had to replace.
        write("V1__mark.sql", "SELECT '\uFFFD';");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned().get(0).up().text()).isEqualTo("SELECT '\uFFFD';");
    }

    @Test
    void readsNumberedFilesWithDbmateSections() throws IOException {
        write("20260110120000_add_users.sql", "-- migrate:up\nCREATE TABLE users (id int);\n\n"
                + "-- migrate:down\nDROP TABLE users;\n");
        write("20260111120000_seed.sql", "INSERT INTO users VALUES (1);\n");
        MigrationSet set = loader.load(dir);
        assertThat(set.style()).isEqualTo(NamingStyle.NUMBERED);
        ResolvedMigration first = set.versioned().get(0);
        assertThat(first.up().text().strip()).isEqualTo("CREATE TABLE users (id int);");
        assertThat(first.up().firstLine()).isEqualTo(1);
        assertThat(first.down().text().strip()).isEqualTo("DROP TABLE users;");
        assertThat(first.down().firstLine()).isEqualTo(4);
        assertThat(set.versioned().get(1).hasDown()).isFalse();
    }

    @Test
    void dbmateTransactionFalseTurnsTheTransactionOff() throws IOException {
        write("0001_idx.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
        assertThat(loader.load(dir).versioned().get(0).directives().transaction()).isFalse();
    }

    @Test
    void aMarkerInsideAStringIsNotASection() throws IOException {
        write("0001_x.sql", "SELECT '\n-- migrate:down\n';\n");
        ResolvedMigration m = loader.load(dir).versioned().get(0);
        assertThat(m.hasDown()).isFalse();
        assertThat(m.up().text()).contains("-- migrate:down");
    }

    @Test
    void readsUpDownPairs() throws IOException {
        write("0001_add_users.up.sql", "CREATE TABLE users (id int);");
        write("0001_add_users.down.sql", "DROP TABLE users;");
        write("0002_add_posts.up.sql", "CREATE TABLE posts (id int);");
        MigrationSet set = loader.load(dir);
        assertThat(set.style()).isEqualTo(NamingStyle.PAIRS);
        assertThat(set.versioned()).hasSize(2);
        assertThat(set.versioned().get(0).hasDown()).isTrue();
        assertThat(set.versioned().get(1).hasDown()).isFalse();
    }

    @Test
    void readsADirectoryPerMigrationIncludingDieselTimestamps() throws IOException {
        write("2026-01-10-120000_add_users/up.sql", "CREATE TABLE users (id int);");
        write("2026-01-10-120000_add_users/down.sql", "DROP TABLE users;");
        write("2026-01-11-090000_add_posts/up.sql", "CREATE TABLE posts (id int);");
        MigrationSet set = loader.load(dir);
        assertThat(set.style()).isEqualTo(NamingStyle.DIRECTORY);
        assertThat(set.versioned()).extracting(m -> m.version().text())
                .containsExactly("20260110120000", "20260111090000");
        assertThat(set.versioned().get(0).description()).isEqualTo("add users");
    }

    @Test
    void readsDieselsSequenceNumberedDirectoriesInOrderAfterTheOlderOnes() throws IOException {
        write("2024-05-01-100000_old/up.sql", "SELECT 1;");
        write("2025-11-19-091444-0001_second/up.sql", "SELECT 3;");
        write("2025-11-19-091444-0000_first/up.sql", "SELECT 2;");
        write("2025-12-29-110242-0000_later/up.sql", "SELECT 5;");
        write("2025-12-29-110242_same_second_older_style/up.sql", "SELECT 4;");
        assertThat(loader.load(dir).versioned()).extracting(m -> m.description())
                .containsExactly("old", "first", "second", "same second older style", "later");
    }

    @Test
    void readsDirectivesFromLeadingComments() throws IOException {
        write("V1__x.sql", "-- lockstep:transaction off\n-- lockstep:lock-timeout 2s\n"
                + "-- lockstep:ignore require-concurrent-index table is empty\nCREATE INDEX i ON t (a);\n");
        Directives d = loader.load(dir).versioned().get(0).directives();
        assertThat(d.transaction()).isFalse();
        assertThat(d.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.suppressions()).singleElement().satisfies(s -> {
            assertThat(s.rule()).isEqualTo("require-concurrent-index");
            assertThat(s.reason()).isEqualTo("table is empty");
            assertThat(s.line()).isEqualTo(3);
        });
    }

    @Test
    void duplicateVersionsAreAnErrorNamingBothFiles() throws IOException {
        write("V3__a.sql", "SELECT 1;");
        write("V003__b.sql", "SELECT 2;");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).contains("duplicate version").contains("V3__a.sql").contains("V003__b.sql");
        });
    }

    @Test
    void aDownWithoutItsUpIsAnError() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("U2__b.sql", "SELECT 2;");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("U2__b.sql").contains("no up script"));
    }

    @Test
    void aSqlFileThatIsNotNamedAsAMigrationIsListedAsIgnoredNotFatal() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("validation.sql", "SELECT count(*) FROM users;");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned()).hasSize(1);
        assertThat(set.ignored()).containsExactly(dir.resolve("validation.sql").toString());
        assertThat(set.skippedNotice()).startsWith("ignored 1 file that is not named as a migration: ")
                .contains("validation.sql").contains("ignore = [...]");
    }

    @Test
    void ignoreGlobsSkipFilesSilently() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("validation.sql", "SELECT 1;");
        write("seed/users.sql", "SELECT 1;");
        write("seed/up.sql", "SELECT 1;");
        MigrationSet set = new MigrationLoader(null, java.util.List.of("validation.sql", "seed")).load(dir);
        assertThat(set.ignored()).isEmpty();
        assertThat(set.versioned()).hasSize(1);
    }

    @Test
    void hiddenAndIgnoredFilesAreNotReadSoThatOnesThatCannotBeAreNoError() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        // an editor's lock file: a symbolic link to nowhere, named like a migration after the dot
        Files.createSymbolicLink(dir.resolve(".#V2__b.sql"), dir.resolve("user@host.1234:1700000000"));
        Files.write(dir.resolve("V3__legacy.sql"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        MigrationSet set = new MigrationLoader(null, java.util.List.of("V3__legacy.sql")).load(dir);
        assertThat(set.versioned()).extracting(m -> m.version().text()).containsExactly("1");
        assertThat(set.ignored()).isEmpty();
        // not ignored, the same file is refused with its reason
        assertThatThrownBy(() -> new MigrationLoader(null, java.util.List.of()).load(dir))
                .hasMessageContaining("V3__legacy.sql is not valid UTF-8");
    }

    @Test
    void aCommentedOutDownSectionUnderARecognisedHeadingIsTheDownScript() throws IOException {
        write("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                + "CREATE INDEX users_id ON users (id);\n\n"
                + "-- Down migration (rollback)\n"
                + "-- DROP INDEX users_id;\n"
                + "--\n"
                + "--   DROP TABLE users;\n");
        write("0002_roles.sql", "CREATE TABLE roles (id int);\n-- Rollback:\n-- DROP TABLE roles;\n");
        write("0003_down.sql", "CREATE TABLE d (id int);\n  -- DOWN\n-- DROP TABLE d;\n");
        MigrationSet set = loader.load(dir);
        ResolvedMigration users = set.versioned().get(0);
        assertThat(users.down().text()).isEqualTo("DROP INDEX users_id;\n\n  DROP TABLE users;\n");
        assertThat(users.down().firstLine()).isEqualTo(5);
        assertThat(users.up().text()).contains("-- Down migration (rollback)");
        assertThat(set.versioned().get(1).down().text().strip()).isEqualTo("DROP TABLE roles;");
        assertThat(set.versioned().get(2).down().text().strip()).isEqualTo("DROP TABLE d;");
    }

    @Test
    void aHeadingFollowedByStatementsOrByNothingToRunIsOnlyAComment() throws IOException {
        write("0001_a.sql", "CREATE TABLE a (id int);\n-- Down\n-- DROP TABLE a;\nCREATE TABLE b (id int);\n");
        write("0002_b.sql", "CREATE TABLE c (id int);\n-- Rollback\n-- nothing to undo here\n");
        write("0003_c.sql", "CREATE TABLE e (id int); -- Down\n-- DROP TABLE e;\n");
        write("0004_d.sql", "CREATE TABLE f (id int);\n-- Down the road we may split this table\n-- DROP TABLE f;\n");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned()).allSatisfy(m -> assertThat(m.hasDown()).as(m.script()).isFalse());
    }

    @Test
    void aRealDownScriptWinsOverACommentedOne() throws IOException {
        write("V1__a.sql", "CREATE TABLE a (id int);\n-- Down\n-- DROP TABLE a CASCADE;\n");
        write("U1__a.sql", "DROP TABLE a;");
        assertThat(loader.load(dir).versioned().get(0).down().text()).isEqualTo("DROP TABLE a;");
    }

    @Test
    void aDirectiveAboveTheUpSectionIsAnErrorWithFileAndLine() throws IOException {
        write("0001_backfill.sql", "-- lockstep:batch size=100\n-- migrate:up\nUPDATE t SET x = 1 WHERE x IS NULL;\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).isEqualTo(dir.resolve("0001_backfill.sql") + ":1: -- lockstep:batch has no "
                    + "effect here: directives are read only from the comments before the first statement of a "
                    + "-- migrate:up or -- migrate:down section");
            assertThat(e.hint()).contains("below -- migrate:up");
        });
    }

    @Test
    void aDirectiveAfterTheFirstStatementIsAnErrorButOneInASectionsLeadingCommentsIsRead() throws IOException {
        write("V1__a.sql", "CREATE TABLE a (id int);\n-- lockstep:transaction off\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).startsWith(dir.resolve("V1__a.sql") + ":2: -- lockstep:transaction "
                        + "has no effect here"));

        Files.delete(dir.resolve("V1__a.sql"));
        write("0001_b.sql", "-- migrate:up\n-- lockstep:lock-timeout 5s\nCREATE TABLE b (id int);\n"
                + "-- migrate:down\n-- lockstep:lock-timeout 3s\nDROP TABLE b;\n");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned().get(0).directives().lockTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aPrismaDirectoryReadsMigrationSql() throws IOException {
        write("20240101000000_init/migration.sql", "CREATE TABLE p (id int);");
        write("migration_lock.toml", "provider = \"postgresql\"");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned()).extracting(m -> m.version().text()).containsExactly("20240101000000");
        assertThat(set.versioned().get(0).up().name()).isEqualTo("20240101000000_init/migration.sql");
    }

    @Test
    void mixingStylesIsAnError() throws IOException {
        write("V1__a.sql", "SELECT 1;");
        write("0002_b.up.sql", "SELECT 2;");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("mixes naming styles"));
    }

    @Test
    void anUnknownDirectiveIsAnErrorWithFileAndLine() throws IOException {
        write("V1__a.sql", "-- header\n-- lockstep:transactions off\nSELECT 1;");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V1__a.sql:2").contains("unknown directive"));
    }

    @Test
    void aMissingDirectoryIsAnErrorWithAHint() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope"))).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("--dir"));
    }

    @Test
    void checksumCoversTheUpScriptOnly() throws IOException {
        write("0001_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
        String before = loader.load(dir).versioned().get(0).checksum();
        write("0001_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 3;\n");
        assertThat(loader.load(dir).versioned().get(0).checksum()).isEqualTo(before);
    }

    @Test
    void anUpScriptWithoutAStatementIsRefusedUnlessItSaysWhyItIsEmpty() throws IOException {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        write("V2__todo.sql", "-- todo: write this\n");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
            assertThat(e.getMessage()).isEqualTo("the up script of 2 (" + dir.resolve("V2__todo.sql") + ") has no statement");
            assertThat(e.hint()).contains("-- lockstep:empty <reason>");
        });
        write("V2__todo.sql", "");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("has no statement");
        write("V2__todo.sql", "-- lockstep:empty version 2 was a migration of another branch\n");
        assertThat(loader.load(dir).versioned().get(1).directives().empty())
                .isEqualTo("version 2 was a migration of another branch");
        write("V2__todo.sql", "-- lockstep:empty\n");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("lockstep:empty needs a reason");
        write("V2__todo.sql", "-- lockstep:empty but it is not\nSELECT 1;");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("is marked lockstep:empty but has statements");
    }

    @Test
    void aNumberedFileWithAnEmptyUpSectionIsRefusedAndAnEmptyDownSectionIsNoDownScript() throws IOException {
        write("0001_a.sql", "-- migrate:up\n-- write it\n\n-- migrate:down\nDROP TABLE a;\n");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("the up script of 0001");
        write("0001_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n-- nothing\n");
        assertThat(loader.load(dir).versioned().get(0).hasDown()).isFalse();
    }

    @Test
    void aDownScriptWithoutAStatementLoadsAndSaysItIsEmpty() throws IOException {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        write("U1__a.sql", "-- Undo a.\n");
        ResolvedMigration m = loader.load(dir).versioned().get(0);
        assertThat(m.hasDown()).isTrue();
        assertThat(m.downIsEmpty()).isTrue();
        write("U1__a.sql", "DROP TABLE a;");
        assertThat(loader.load(dir).versioned().get(0).downIsEmpty()).isFalse();
    }

    @Test
    void aDirectoryThatIsAFileSaysSo() throws IOException {
        write("V1__a.sql", "CREATE TABLE a (id int);");
        assertThatThrownBy(() -> loader.load(dir.resolve("V1__a.sql"))).isInstanceOfSatisfying(LockstepException.class,
                e -> {
                    assertThat(e.getMessage()).endsWith("V1__a.sql is a file, not a directory");
                    assertThat(e.hint()).contains("--dir");
                });
    }

    @Test
    void aFileThatCannotBeReadSaysWhyInWords() {
        assertThatThrownBy(() -> new MigrationLoader(dir).readForLint(dir.resolve("nonexistent.sql")))
                .isInstanceOfSatisfying(LockstepException.class, e ->
                        assertThat(e.getMessage()).isEqualTo("cannot read nonexistent.sql: no such file"));
    }
}
