package dev.lockstep.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a directory's files are read (DirectoryEntries, ScriptFile), through the loader. */
class DirectoryEntriesTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void filesShorterThanLongerThanAndAsLongAsTheFirstReadAreReadWhole() throws IOException {
        // 8,192 bytes is the first read; a two-byte character is placed across that boundary too
        int[] sizes = {1, 8191, 8192, 8193, 16384, 100_000};
        for (int i = 0; i < sizes.length; i++) {
            StringBuilder text = new StringBuilder("SELECT '");
            while (text.length() < sizes[i] - 2) {
                text.append(text.length() == 8190 ? '\u00e9' : (char) ('a' + text.length() % 26));
            }
            text.append("';");
            write("V" + (i + 1) + "__size.sql", text.toString());
        }
        MigrationSet set = MigrationLoader.forLint(null).load(dir);
        assertThat(set.versioned()).hasSize(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            assertThat(set.versioned().get(i).up().text()).isEqualTo(Files.readString(dir.resolve("V" + (i + 1) + "__size.sql")));
        }
    }

    @Test
    void pathsAreShownRelativeToTheDisplayBaseWhenInsideItAsGivenOtherwise() throws IOException {
        write("db/V1__a.sql", "SELECT 1;");
        write("db/V2__b.sql", "SELECT 2;");
        Path db = dir.resolve("db");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        record Case(Path base, Path given, String first, String second) {
        }
        java.util.List<Case> cases = java.util.List.of(
                new Case(dir, db, "db/V1__a.sql", "db/V2__b.sql"),
                new Case(db, db, "V1__a.sql", "V2__b.sql"),
                new Case(dir, dir.resolve("elsewhere/../db"), "db/V1__a.sql", "db/V2__b.sql"),
                new Case(elsewhere, db, db + "/V1__a.sql", db + "/V2__b.sql"),
                new Case(null, db, db + "/V1__a.sql", db + "/V2__b.sql"));
        for (Case c : cases) {
            MigrationSet set = new MigrationLoader(c.base()).load(c.given());
            assertThat(set.versioned()).extracting(m -> m.up().path()).as(c.toString())
                    .containsExactly(c.first(), c.second());
        }
    }
}
