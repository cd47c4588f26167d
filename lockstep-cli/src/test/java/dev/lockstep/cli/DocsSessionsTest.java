package dev.lockstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour, and every session in docs/commands marked {@code <!-- runnable -->}, run as shown on
 * the embedded server, each output compared with the docs (volatile parts masked, see {@link DocMasks}).
 * The tour runs in one directory from start to end, as a reader follows it; each marked session in a
 * fresh directory of its own. A change that makes the docs wrong fails here.
 */
class DocsSessionsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path sandbox;

    private static Map<String, String> env() {
        return Map.of("HOME", sandbox.resolve("home").toString(), "USER", "demo");
    }

    @AfterAll
    static void stopTheServer() throws Exception {
        new DocShell(sandbox, env()).run("lockstep embedded stop");
    }

    @TestFactory
    Stream<DynamicTest> theReadmeTourAndTheRunnableExamplesPrintWhatTheDocsShow() throws IOException {
        Files.createDirectories(sandbox.resolve("home"));
        List<DynamicTest> tests = new ArrayList<>();
        Path tour = fresh("lockstep");
        DocShell tourShell = new DocShell(tour, env());
        for (DocSession s : DocSession.of(REPO.resolve("README.md"), true)) {
            tests.add(DynamicTest.dynamicTest(s.toString(), () -> check(s, tourShell)));
        }
        for (Path page : pages()) {
            for (DocSession s : DocSession.of(page, false)) {
                tests.add(DynamicTest.dynamicTest("docs/commands/" + s, () -> {
                    Path dir = fresh("lockstep-" + page.getFileName().toString().replace(".md", "") + "-" + s.line());
                    check(s, new DocShell(dir, env()));
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theTourAndEveryCommandPageHaveRunnableSessions() throws IOException {
        assertThat(DocSession.of(REPO.resolve("README.md"), true)).hasSizeGreaterThanOrEqualTo(6);
        List<String> withSessions = new ArrayList<>();
        for (Path page : pages()) {
            if (!DocSession.of(page, false).isEmpty()) {
                withSessions.add(page.getFileName().toString());
            }
        }
        assertThat(withSessions).contains("new.md", "status.md", "migrate.md", "rollback.md", "validate.md",
                "repair.md", "baseline.md", "embedded.md", "lint.md");
    }

    private static void check(DocSession session, DocShell shell) throws Exception {
        for (DocSession.Step step : session.steps()) {
            String out = shell.run(step.command());
            List<String> actual = out.isEmpty() ? List.of() : List.of(out.stripTrailing().split("\n", -1));
            if (!DocMasks.matches(step.expected(), actual)) {
                throw new AssertionError(session.file().getFileName() + ":" + step.line() + ": '$ " + step.command()
                        + "' printed something else than the docs show.\n--- docs (masked)\n"
                        + String.join("\n", DocMasks.mask(step.expected())) + "\n--- actual (masked)\n"
                        + String.join("\n", DocMasks.mask(actual)) + "\n--- actual\n" + out);
            }
        }
    }

    /** A directory like a fresh clone: the examples, nothing else. */
    private static Path fresh(String name) throws IOException {
        Path dir = Files.createDirectories(sandbox.resolve(name));
        Path examples = REPO.resolve("examples");
        try (Stream<Path> files = Files.walk(examples)) {
            files.sorted(Comparator.naturalOrder()).forEach(f -> {
                try {
                    Path to = dir.resolve(REPO.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return dir;
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("docs/commands"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }
}
