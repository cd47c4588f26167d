package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Migration files that cannot be used say why, with the file's name, before anything is sent. */
class FileProblemsTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path work;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        pg.reset();
        cli = new Cli(work);
        cli.env.put("DATABASE_URL", pg.url());
        Files.createDirectories(work.resolve("migrations"));
        Files.writeString(work.resolve("migrations/V1__a.sql"), "CREATE TABLE a (id int);\n");
    }

    @Test
    void aDirThatIsAFileSaysItIsAFile() throws IOException {
        Cli.Run run = cli.run("migrate", "--dir", "migrations/V1__a.sql");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("migrations directory migrations/V1__a.sql is a file, not a directory")
                .contains("e.g. migrations");
        assertThat(pg.tableExists("a")).isFalse();

        Files.writeString(work.resolve("README.md"), "# notes\n");
        Cli.Run here = cli.run("migrate", "--dir", "README.md");
        assertThat(here.exit()).isEqualTo(2);
        assertThat(here.err()).contains("migrations directory README.md is a file, not a directory")
                .contains("the directory that holds the migration files\n").doesNotContain("e.g.");
    }

    @Test
    void aMissingDirectoryIsReportedWithoutStartingTheEmbeddedServer() {
        Cli embedded = new Cli(work);
        for (String command : new String[] {"migrate", "status", "validate", "rollback", "drift"}) {
            Cli.Run run = embedded.run(command, "--dir", "nowhere");
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("migrations directory nowhere does not exist")
                    .doesNotContain("Started the embedded PostgreSQL");
        }
        assertThat(work.resolve(".lockstep/embedded")).as("no embedded server was set up").doesNotExist();
    }

    @Test
    void aNulByteIsAnErrorAtItsLineBeforeAnythingIsSent() throws IOException {
        Files.writeString(work.resolve("migrations/V2__b.sql"), "CREATE TABLE b (id int);\nSELECT 'x\0y';\n");
        for (String command : new String[] {"migrate", "status", "lint"}) {
            Cli.Run run = cli.run(command);
            assertThat(run.exit()).as(run.toString()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("migrations/V2__b.sql:2:10: the file contains a NUL byte");
        }
        assertThat(pg.tableExists("a")).isFalse();
        assertThat(pg.tableExists("lockstep.lockstep_history")).isFalse();
    }

    /**
     * A file or directory this user may not read: the CLI runs in a JVM of its own, and where the tests run
     * as root (who may read anything) in a user namespace, where root's files are protected by their mode.
     */
    @Test
    void unreadableFilesAndDirectoriesSayPermissionDenied() throws Exception {
        Path file = work.resolve("migrations/V2__b.sql");
        Files.writeString(file, "CREATE TABLE b (id int);\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Run run = runAsUnprivileged("status");
        assertThat(run.exit).as(run.output).isEqualTo(2);
        assertThat(run.output).contains("cannot read ").contains("V2__b.sql: permission denied")
                .contains("readable by this user");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(work.resolve("migrations"), PosixFilePermissions.fromString("---------"));
        try {
            Run dir = runAsUnprivileged("migrate");
            assertThat(dir.exit).as(dir.output).isEqualTo(2);
            assertThat(dir.output).contains("migrations: permission denied");
        } finally {
            Files.setPosixFilePermissions(work.resolve("migrations"), PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(pg.tableExists("a")).isFalse();
    }

    private record Run(int exit, String output) {
    }

    private Run runAsUnprivileged(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("unshare", "-U"));
        }
        argv.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        argv.addAll(List.of(args));
        Path log = work.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("DATABASE_URL", pg.url());
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not end: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }
}
