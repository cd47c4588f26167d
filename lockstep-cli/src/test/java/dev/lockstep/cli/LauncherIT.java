package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lockstep}, the script a user runs (README), run as a process once the jar it starts is built:
 * where it finds the jar, the class-data-sharing archive it writes, paths and arguments with spaces and
 * glob characters, LOCKSTEP_JAVA_OPTS, and the error when there is no jar and no Maven to build one.
 */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("lockstep.root", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = ROOT.resolve("lockstep-cli/target");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path cwd, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("LOCKSTEP_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A copy of the launcher in {@code dir}, with a link to the built jar where it looks for it. */
    private static Path copyInto(Path dir) throws IOException {
        Path launcher = dir.resolve("lockstep");
        Files.createDirectories(dir.resolve("lockstep-cli/target"));
        Files.copy(ROOT.resolve("lockstep"), launcher);
        Files.createSymbolicLink(dir.resolve("lockstep-cli/target/lockstep.jar"), TARGET.resolve("lockstep.jar"));
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        return launcher;
    }

    @Test
    void runsTheBuiltJarFromAnyWorkingDirectory() throws Exception {
        Run r = run(tmp, Map.of(), ROOT.resolve("lockstep").toString(), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("lockstep ");
        assertThat(TARGET.resolve("lockstep.jsa")).as("the class-data-sharing archive").exists();
    }

    @Test
    void pathsAndArgumentsWithSpacesAndGlobCharactersArriveIntact() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("with space/check out"));
        copyInto(checkout);
        Path sql = Files.createDirectories(tmp.resolve("with space/db")).resolve("V1__a b*.sql");
        Files.writeString(sql, "CREATE TABLE t (id bigint);\n");
        Files.writeString(sql.resolveSibling("V2__other.sql"), "CREATE TABLE u (id bigint);\n");

        Run r = run(tmp.resolve("with space"), Map.of(), "check out/lockstep", "lint", "db/V1__a b*.sql");

        assertThat(r.exit()).as(r.err()).isZero();
        // one file: the name was neither split at its space nor expanded as a pattern to both files
        assertThat(r.out()).contains("No findings in 1 file");
        assertThat(checkout.resolve("lockstep-cli/target/lockstep.jsa")).as("an archive of its own, written once")
                .exists();
        assertThat(run(tmp.resolve("with space"), Map.of(), "check out/lockstep", "lint", "db").out())
                .contains("No findings in 2 files");
    }

    @Test
    void anArchiveThisJvmCannotMapIsWrittenAgain() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("stale"));
        Path launcher = copyInto(checkout);
        Path archive = checkout.resolve("lockstep-cli/target/lockstep.jsa");
        // what a JDK updated since the archive was written sees: a file newer than the jar that it cannot map
        Files.writeString(archive, "not an archive of this JVM");

        Run first = run(tmp, Map.of(), launcher.toString(), "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("lockstep ");
        assertThat(archive).as("removed by the command that could not map it").doesNotExist();

        Run second = run(tmp, Map.of(), launcher.toString(), "--version");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(Files.size(archive)).as("written again").isGreaterThan(1_000_000);
        Run third = run(tmp, Map.of("LOCKSTEP_JAVA_OPTS", "-Xshare:on"), launcher.toString(), "--version");
        assertThat(third.exit()).as("-Xshare:on fails when the archive cannot be mapped: " + third.err()).isZero();
        assertThat(archive).as("mapped: kept").exists();
    }

    @Test
    void commandsStartedTogetherAfterABuildLeaveOnePairOfArchives() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("together"));
        Path launcher = copyInto(checkout);
        List<java.util.concurrent.Future<Run>> runs = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> run(tmp, Map.of(), launcher.toString(), "--version")));
            }
            for (java.util.concurrent.Future<Run> r : runs) {
                assertThat(r.get().exit()).as(r.get().err()).isZero();
                assertThat(r.get().out()).startsWith("lockstep ");
            }
        } finally {
            pool.shutdown();
        }
        // one wrote them while the others ran without: not three writers removing each other's
        Path target = checkout.resolve("lockstep-cli/target");
        assertThat(target.resolve("lockstep-lint.jsa")).exists();
        assertThat(target.resolve("lockstep.jsa")).exists();
        assertThat(target.resolve("lockstep.jsa.lock")).doesNotExist();
        Run mapped = run(tmp, Map.of("LOCKSTEP_JAVA_OPTS", "-Xshare:on -Xlog:cds=info"), launcher.toString(), "--version");
        assertThat(mapped.exit()).as(mapped.err()).isZero();
        assertThat(mapped.out()).as("both archives mapped, not the JDK's own")
                .containsPattern("Opened archive .*lockstep-lint\\.jsa").containsPattern("Opened archive .*lockstep\\.jsa");
    }

    @Test
    void aLintOfAFewFilesCompilesLaterAndADirectoryAsUsual() throws Exception {
        Path sql = Files.writeString(tmp.resolve("V1__a.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Map<String, String> flags = Map.of("LOCKSTEP_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Run file = run(tmp, flags, ROOT.resolve("lockstep").toString(), "lint", sql.toString());
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(file.out()).containsPattern("CompileThresholdScaling += 10\\.0");
        Run dir = run(tmp, flags, ROOT.resolve("lockstep").toString(), "lint", tmp.toString());
        assertThat(dir.exit()).as(dir.err()).isZero();
        assertThat(dir.out()).containsPattern("CompileThresholdScaling += 1\\.0");
    }

    @Test
    void aJvmThatCannotWriteAnArchiveIsAskedOncePerBuildNotAtEveryCommand() throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("no-cds"));
        Path launcher = copyInto(checkout);
        // a java that refuses to write archives (as a JDK built without class-data sharing does), and says
        // each time it is started
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("java-calls");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "case \"$*\" in *-Xshare:dump*) exit 1 ;; esac\n"
                + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"));

        Run first = run(tmp, env, launcher.toString(), "--version");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("lockstep ");
        assertThat(checkout.resolve("lockstep-cli/target/lockstep.jsa")).doesNotExist();
        assertThat(checkout.resolve("lockstep-cli/target/lockstep-lint.jsa")).doesNotExist();
        long startsOfFirst = Files.readAllLines(calls).size();
        assertThat(startsOfFirst).as("the warm-up, the refused dump, the command").isEqualTo(3);

        Run second = run(tmp, env, launcher.toString(), "--version");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(Files.readAllLines(calls)).as("only the command itself").hasSize((int) startsOfFirst + 1);
    }

    @Test
    void aLintOfOneFileRunsWithTheUsersHeapSizeToo() throws Exception {
        Path sql = tmp.resolve("V1__a.sql");
        Files.writeString(sql, "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("LOCKSTEP_JAVA_OPTS", "-Xmx16m"),
                Map.of("JDK_JAVA_OPTIONS", "-Xmx16m"), Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxHeapSize=20m"))) {
            Run r = run(tmp, env, ROOT.resolve("lockstep").toString(), "lint", sql.toString());
            assertThat(r.exit()).as(env + " " + r.err()).isZero();
            assertThat(r.out()).contains("No findings in 1 file");
        }
    }

    @Test
    void lockstepJavaOptsReachTheJvm() throws Exception {
        // a file the option would match, were it expanded as a pattern
        Files.writeString(tmp.resolve("-Dlockstep.launcher.check=matched"), "");
        Run r = run(tmp, Map.of("LOCKSTEP_JAVA_OPTS", "-XshowSettings:properties -Dlockstep.launcher.check=*"),
                ROOT.resolve("lockstep").toString(), "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        // the value arrives as written: not expanded as a pattern against the working directory
        assertThat(r.err()).contains("lockstep.launcher.check = *");
        assertThat(r.out()).startsWith("lockstep ");
    }

    @Test
    void withoutAJarOrMavenItSaysWhatToInstallAndExitsTwo() throws Exception {
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        Path launcher = bare.resolve("lockstep");
        Files.copy(ROOT.resolve("lockstep"), launcher);
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path javaHome = Path.of(System.getProperty("java.home"));

        Run r = run(bare, Map.of("PATH", javaHome.resolve("bin").toString()), launcher.toString(), "--version");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not built and Maven (mvn) is not installed")
                .contains("hint: install Maven and Java 17");
        assertThat(r.out()).isEmpty();
        assertThat(Files.list(bare).map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("lockstep"));
    }

    @Test
    void theScriptIsPosixShell() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("lockstep"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("#!/bin/sh");
    }
}
