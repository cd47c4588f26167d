package dev.lockstep.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pg_dump a backup uses, among directories holding programs that report a version as pg_dump does. */
class ClientToolFinderTest {
    @TempDir
    Path root;

    private Path tool(String dir, String name, String version) throws IOException {
        Path d = Files.createDirectories(root.resolve(dir));
        Path p = d.resolve(name);
        Files.writeString(p, "#!/bin/sh\necho '" + name + " (PostgreSQL) " + version + "'\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
        return d;
    }

    @Test
    void takesTheNewestOfThePathAndTheInstallDirectories() throws IOException {
        Path path15 = tool("usr/bin", "pg_dump", "15.18 (Debian 15.18-0+deb12u1)");
        Path path13 = tool("opt/bin", "pg_dump", "13.22");
        Path installed17 = tool("usr/lib/postgresql/17/bin", "pg_dump", "17.7");
        Path installed16 = tool("usr/lib/postgresql/16/bin", "pg_dump", "16.11");
        ClientToolFinder.Found f = new ClientToolFinder(null, List.of(path15, path13), List.of(installed16, installed17))
                .find("pg_dump", 16, "the server (16.11)", "nothing was written");
        assertThat(f.version()).isEqualTo("17.7");
        assertThat(f.executable()).isEqualTo(installed17.resolve("pg_dump"));
        assertThat(f.describe()).isEqualTo("pg_dump 17.7 (" + installed17.resolve("pg_dump") + ")");
    }

    @Test
    void oneProgramReachedThroughTwoDirectoriesCountsOnce() throws IOException {
        Path real = tool("usr/bin", "pg_dump", "15.18");
        Path link = Files.createSymbolicLink(root.resolve("bin"), real);
        assertThatThrownBy(() -> new ClientToolFinder(null, List.of(link, real), List.of())
                .find("pg_dump", 16, "the server (16.11)", "nothing was written"))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("the only one found"));
    }

    @Test
    void ofTwoOfTheSameVersionThePathsComesFirst() throws IOException {
        Path onPath = tool("a", "pg_dump", "15.18");
        Path installed = tool("b", "pg_dump", "15.18");
        assertThat(new ClientToolFinder(null, List.of(onPath), List.of(installed))
                .find("pg_dump", 15, "the server", "nothing was written").executable()).isEqualTo(onPath.resolve("pg_dump"));
    }

    @Test
    void refusesWhenTheNewestIsOlderThanNeededNamingItAndTheInstallCommand() throws IOException {
        Path path15 = tool("usr/bin", "pg_dump", "15.18");
        Path path14 = tool("old/bin", "pg_dump", "14.20");
        assertThatThrownBy(() -> new ClientToolFinder(null, List.of(path14, path15), List.of())
                .find("pg_dump", 17, "the server (17.7) and cannot dump it", "nothing was written"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BACKUP);
                    assertThat(e.getMessage()).isEqualTo("pg_dump 15.18 (" + path15.resolve("pg_dump") + "), the newest "
                            + "of 2 found, is older than the server (17.7) and cannot dump it; nothing was written");
                    assertThat(e.hint()).startsWith("install the PostgreSQL 17 client tools (")
                            .contains(ClientToolFinder.installCommand(17)).endsWith("pg_dump 17 or newer");
                });
    }

    @Test
    void pgBinIsTheOnlyPlaceLookedAtWhenSet() throws IOException {
        Path pinned = tool("pinned", "pg_restore", "14.20");
        Path newer = tool("newer", "pg_restore", "18.1");
        ClientToolFinder finder = new ClientToolFinder(pinned, List.of(newer), List.of(newer));
        assertThat(finder.find("pg_restore", 14, "the dump", "nothing was restored").version()).isEqualTo("14.20");
        assertThatThrownBy(() -> finder.find("pg_restore", 16, "the pg_dump 16.11 that wrote the dump",
                "nothing was restored")).isInstanceOfSatisfying(LockstepException.class, e ->
                assertThat(e.getMessage()).contains("the one in pg-bin, is older than the pg_dump 16.11")
                        .endsWith("nothing was restored"));
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> new ClientToolFinder(empty, List.of(newer), List.of()).find("pg_dump", 15, "x", "y"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.getMessage()).contains("cannot run " + empty.resolve("pg_dump"));
                    assertThat(e.hint()).contains("PostgreSQL 15 client tools");
                });
    }

    @Test
    void noToolAnywhereIsAClearErrorAndProgramsThatDoNotSayTheirVersionAreSkipped() throws IOException {
        Path liar = Files.createDirectories(root.resolve("liar"));
        Path fake = Files.writeString(liar.resolve("pg_dump"), "#!/bin/sh\necho 'hello'\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThatThrownBy(() -> new ClientToolFinder(null, List.of(liar, root.resolve("missing")), List.of())
                .find("pg_dump", 15, "the server (15.19)", "nothing was written"))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.getMessage()).startsWith("no pg_dump found on the PATH or in the usual install "
                            + "directories (/usr/lib/postgresql, ");
                    assertThat(e.hint()).contains("PostgreSQL 15 client tools");
                });
    }

    @Test
    void theInstallCommandNamesTheMajorVersion() {
        assertThat(ClientToolFinder.installCommand(17)).contains("17");
        if (Files.exists(Path.of("/etc/debian_version"))) {
            assertThat(ClientToolFinder.installCommand(17)).startsWith("apt-get install postgresql-client-17");
        }
    }
}
