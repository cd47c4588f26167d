package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new}: the next migration in the directory's own style, as templates that refuse to run unwritten. */
class MigrationCreatorTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T14:03:17Z"), ZoneOffset.UTC);

    private List<Path> create(String name) {
        return new MigrationCreator().create(dir, name, clock);
    }

    @Test
    void anEmptyDirectoryGetsFlywayFilesWhoseTemplatesAreRefusedUntilWritten() throws IOException {
        List<Path> files = create("Add task assignee");
        assertThat(files).containsExactly(dir.resolve("V1__add_task_assignee.sql"), dir.resolve("U1__add_task_assignee.sql"));
        assertThat(files.get(1)).content().contains("Rollback refuses a down script without any; delete this file to "
                + "make 1 irreversible.");
        assertThatThrownBy(() -> new MigrationLoader().load(dir)).hasMessageContaining("the up script of 1");
        Files.writeString(files.get(0), "CREATE TABLE t (id int);\n");
        assertThat(new MigrationLoader().load(dir).versioned().get(0).downIsEmpty()).isTrue();
    }

    @Test
    void aDieselFolderGetsADashedTimestampFolder() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("2026-01-10-120000_create_users"));
        Files.writeString(existing.resolve("up.sql"), "CREATE TABLE users (id int);");
        Files.writeString(existing.resolve("down.sql"), "DROP TABLE users;");
        assertThat(create("add orders")).containsExactly(dir.resolve("2026-11-23-140317_add_orders/up.sql"),
                dir.resolve("2026-11-23-140317_add_orders/down.sql"));
    }

    @Test
    void aNumberedDirectoryGetsTheNextNumberAndDirectoriesTheirOwnStyle() throws IOException {
        Path existing = Files.createDirectories(dir.resolve("0007_create_users"));
        Files.writeString(existing.resolve("up.sql"), "CREATE TABLE users (id int);");
        assertThat(create("add orders")).containsExactly(dir.resolve("0008_add_orders/up.sql"),
                dir.resolve("0008_add_orders/down.sql"));
    }

    @Test
    void aNumberedFileGetsSectionsAndTheUpSectionMustBeWritten() throws IOException {
        Files.writeString(dir.resolve("0001_a.sql"), "-- migrate:up\nCREATE TABLE a (id int);\n");
        List<Path> files = create("b");
        assertThat(files).containsExactly(dir.resolve("0002_b.sql"));
        assertThat(files.get(0)).content().startsWith("-- migrate:up\n").contains("\n-- migrate:down\n");
        assertThatThrownBy(() -> new MigrationLoader().load(dir)).hasMessageContaining("the up script of 0002");
    }

    @Test
    void aGooseDirectoryGetsGooseSections() throws IOException {
        Files.writeString(dir.resolve("20240101000000_a.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n"
                + "-- +goose Down\nDROP TABLE a;\n");
        List<Path> files = create("b");
        assertThat(files.get(0)).content().startsWith("-- +goose Up\n").contains("\n-- +goose Down\n")
                .doesNotContain("migrate:");
    }

    @Test
    void aDirOptionNamingAFileSaysItIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> new MigrationCreator().create(file, "a", clock))
                .hasMessageContaining("notes.txt is a file, not a directory");
    }
}
