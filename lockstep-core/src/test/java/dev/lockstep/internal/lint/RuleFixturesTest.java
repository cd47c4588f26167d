package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixtures: {@code lint/<rule>/bad.sql} must give exactly the number of findings
 * its {@code -- findings: N} line says, every {@code good*.sql} none of that rule, and the example on
 * the rule's docs page at least one.
 */
class RuleFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/lint");
    private static final Pattern EXPECTED = Pattern.compile("-- findings: (\\d+)");

    static Stream<String> rules() {
        return BuiltInRules.all().stream().map(Rule::id);
    }

    static List<Violation> lint(String name, String sql) {
        Script script = new Script(name, name, sql, 1);
        return BuiltInRules.linter(LintSettings.DEFAULT, 15).lintOne(script, new DirectiveParser().parse(script)).violations();
    }

    private static long count(List<Violation> found, String rule) {
        return found.stream().filter(v -> v.rule().equals(rule)).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void badFixtureGivesExactlyTheExpectedFindings(String rule) throws IOException {
        String sql = Files.readString(FIXTURES.resolve(rule).resolve("bad.sql"));
        Matcher m = EXPECTED.matcher(sql);
        assertThat(m.find()).as("bad.sql of %s says -- findings: N", rule).isTrue();
        List<Violation> found = lint(rule + "/bad.sql", sql);
        assertThat(count(found, rule)).as("%s findings in bad.sql: %s", rule, found).isEqualTo(Long.parseLong(m.group(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void goodFixturesGiveNoFindingOfTheRule(String rule) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(rule))) {
            List<Path> good = files.filter(p -> p.getFileName().toString().startsWith("good")).toList();
            assertThat(good).as("good fixtures of %s", rule).isNotEmpty();
            for (Path p : good) {
                List<Violation> found = lint(rule + "/" + p.getFileName(), Files.readString(p));
                assertThat(count(found, rule)).as("%s findings in %s: %s", rule, p.getFileName(), found).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theDocumentedExampleIsFound(String rule) {
        Rule r = BuiltInRules.byId(rule).orElseThrow();
        assertThat(count(lint("example.sql", r.example()), rule)).as("example of %s", rule).isPositive();
    }
}
