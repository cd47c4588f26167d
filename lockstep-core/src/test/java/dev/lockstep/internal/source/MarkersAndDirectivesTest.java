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

/**
 * Comments that tell the loader something: goose's section markers, and directives whose value has several
 * words; and goose's Go migrations, which it cannot run.
 */
class MarkersAndDirectivesTest {
    @TempDir
    Path dir;

    private final MigrationLoader loader = new MigrationLoader();

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void gooseSectionsAndNoTransactionAreReadLikeDbmates() throws IOException {
        write("00001_users.sql", "-- +goose NO TRANSACTION\n--+goose   up\nCREATE TABLE users (id int);\n"
                + "-- +goose Down\nDROP TABLE users;\n");
        write("00002_seed.sql", "-- +goose Up\nINSERT INTO users VALUES (1);\n");
        MigrationSet set = loader.load(dir);
        ResolvedMigration first = set.versioned().get(0);
        assertThat(first.up().text().strip()).isEqualTo("CREATE TABLE users (id int);");
        assertThat(first.down().text().strip()).isEqualTo("DROP TABLE users;");
        assertThat(first.down().firstLine()).isEqualTo(4);
        assertThat(first.directives().transaction()).isFalse();
        assertThat(first.downDirectives().transaction()).as("goose's NO TRANSACTION is the whole file's").isFalse();
        assertThat(set.versioned().get(1).directives().transaction()).isNull();
        assertThat(set.versioned().get(1).hasDown()).isFalse();

        write("00003_dbmate.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\nSELECT 2;\n");
        write("00004_dbmate.sql", "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
        set = loader.load(dir);
        assertThat(set.versioned().get(2).directives().transaction()).isNull();
        assertThat(set.versioned().get(2).downDirectives().transaction()).isFalse();
        assertThat(set.versioned().get(3).directives().transaction()).isFalse();
        assertThat(set.versioned().get(3).downDirectives().transaction()).as("dbmate says it per section").isNull();
    }

    @Test
    void aMarkerNotAtTheStartOfItsLineIsRefusedNotGuessed() throws IOException {
        // dbmate would run what follows an indented marker as part of the migration, goose refuses the file
        for (String marker : java.util.List.of("  -- migrate:down", "DROP TABLE a; -- migrate:down",
                "\t-- +goose Down", "SELECT 1; --+goose NO TRANSACTION")) {
            java.nio.file.Path one = Files.createDirectories(dir.resolve("case" + marker.hashCode()));
            Files.writeString(one.resolve("00001_a.sql"), (marker.contains("goose") ? "-- +goose Up\n" : "-- migrate:up\n")
                    + "CREATE TABLE a (id int);\n" + marker + "\nDROP TABLE a;\n");
            assertThatThrownBy(() -> loader.load(one)).as(marker).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
                assertThat(e.getMessage()).contains("00001_a.sql:3: ").contains("is not at the start of its line")
                        .contains("nothing was run");
            });
        }
        // at the start of a line, after CRLF too: the marker
        write("00001_a.sql", "-- migrate:up\r\nCREATE TABLE a (id int);\r\n-- migrate:down\r\nDROP TABLE a;\r\n");
        ResolvedMigration m = loader.load(dir).versioned().get(0);
        assertThat(m.up().text()).contains("CREATE TABLE a").doesNotContain("DROP");
        assertThat(m.down().text().strip()).isEqualTo("DROP TABLE a;");
    }

    @Test
    void gooseGoMigrationsAreNamedAsNotRunNotSkippedSilently() throws IOException {
        write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id bigint);\n");
        write("00002_backfill_names.go", "package migrations\n");
        write("00003_index.sql", "-- +goose Up\nCREATE INDEX users_id ON users (id);\n");
        write("main.go", "package main\n");
        write("00002_backfill_names_test.go", "package migrations\n");
        MigrationSet set = loader.load(dir);
        assertThat(set.versioned()).hasSize(2);
        assertThat(set.notRun()).containsExactly(dir.resolve("00002_backfill_names.go").toString());
        assertThat(set.skippedNotice()).startsWith("1 Go migration is not run: ").contains("00002_backfill_names.go")
                .contains("goose builds them into the application").doesNotContain("main.go");
        assertThat(FileName.isGooseGoMigration("20240101000000_add.go")).isTrue();
        assertThat(FileName.isGooseGoMigration("1_.go")).isFalse();
        assertThat(FileName.isGooseGoMigration("helpers.go")).isFalse();
    }

    @Test
    void aDirectivesValueIsAllOfWhatFollowsItsName() throws IOException {
        write("V1__x.sql", "-- lockstep:lock-timeout 500 ms\nSELECT 1;\n");
        assertThat(loader.load(dir).versioned().get(0).directives().lockTimeout()).isEqualTo(Duration.ofMillis(500));
        // Words after a value are a remark, as they always were.
        write("V1__x.sql", "-- lockstep:transaction off  (CONCURRENTLY below)\n-- lockstep:lock-timeout 2s (small table)"
                + "\nSELECT 1;\n");
        assertThat(loader.load(dir).versioned().get(0).directives().transaction()).isFalse();
        assertThat(loader.load(dir).versioned().get(0).directives().lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        for (String[] bad : new String[][] {{"-- lockstep:lock-timeout 2 parsecs", "unknown unit 'parsecs'"},
                {"-- lockstep:batch size=abc", "size takes a whole number of rows, not 'abc'"}}) {
            write("V1__x.sql", bad[0] + "\nUPDATE t SET a = 1 WHERE a IS NULL;\n");
            assertThatThrownBy(() -> loader.load(dir)).as(bad[0]).isInstanceOfSatisfying(LockstepException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FILES);
                assertThat(e.getMessage()).contains("V1__x.sql:1: ").contains(bad[1]).doesNotContain("For input string");
            });
        }
    }
}
