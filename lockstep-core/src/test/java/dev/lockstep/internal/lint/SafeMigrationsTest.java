package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-step migrations written the way careful teams write them (NOT VALID then VALIDATE in its own
 * transaction, CHECK then SET NOT NULL, CONCURRENTLY under a lock_timeout, explicit BEGIN ... COMMIT
 * blocks): the default rules find nothing above a hint in any of them.
 */
class SafeMigrationsTest {
    private static final Path SAFE = Path.of("src/test/resources/lint-safe");

    static Stream<Path> files() throws IOException {
        return Files.list(SAFE).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void safeMigrationHasNoFindingAboveHint(Path file) throws IOException {
        String sql = Files.readString(file);
        Script script = new Script(file.toString(), file.getFileName().toString(), sql, 1);
        List<Violation> found = BuiltInRules.linter(LintSettings.DEFAULT, 15).lintOne(script, new DirectiveParser().parse(script))
                .violations();
        assertThat(found).as("findings above hint in %s", file.getFileName())
                .filteredOn(v -> v.severity() != Severity.HINT).isEmpty();
    }

    /** The file without its safeguards: no CONCURRENTLY, no NOT VALID, no USING INDEX, no blocks. */
    private static String careless(Path file) {
        try {
            return Files.readString(file).replace(" CONCURRENTLY", "").replace(" NOT VALID", "")
                    .replace("USING INDEX accounts_email_key", "(email)").replaceAll("(?m)^(BEGIN|COMMIT);$", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The files that have a safeguard to remove. */
    static Stream<Path> guardedFiles() throws IOException {
        return files().filter(f -> {
            try {
                return !careless(f).equals(Files.readString(f));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardedFiles")
    void theSameStepsWithoutTheirSafeguardsAreFound(Path file) {
        String careless = careless(file);
        Script script = new Script("careless.sql", "careless.sql", careless, 1);
        List<Violation> found = BuiltInRules.linter(LintSettings.DEFAULT, 15).lintOne(script, new DirectiveParser().parse(script))
                .violations();
        assertThat(found).as("findings above hint once the safeguards of %s are removed", file.getFileName())
                .anyMatch(v -> v.severity() != Severity.HINT);
    }
}
