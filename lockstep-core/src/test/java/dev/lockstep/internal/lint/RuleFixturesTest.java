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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixtures: each {@code lint/<rule>/bad*.sql} must give exactly the number of
 * findings its {@code -- findings: N} line says, every {@code good*.sql} none of that rule, and the
 * example on the rule's docs page at least one. A fixture may say {@code -- pg-version: N} (the
 * version the rules assume; default 15), {@code -- down-script} (lint it as a down script),
 * {@code -- no-down} (the up script of a migration without a down script) and
 * {@code -- expect: text} (some finding of the rule says it, in its message or its fix). Every rule
 * is enabled, the ones that are off by default included.
 */
class RuleFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/lint");
    private static final Pattern EXPECTED = Pattern.compile("-- findings: (\\d+)");
    private static final Pattern PG = Pattern.compile("-- pg-version: (\\d+)");
    private static final Pattern EXPECT_TEXT = Pattern.compile("-- expect: (.+)");
    static final LintSettings ALL_RULES = new LintSettings(null, Map.of(), Set.of(),
            BuiltInRules.all().stream().map(Rule::id).collect(Collectors.toSet()));

    static Stream<String> rules() {
        return BuiltInRules.all().stream().map(Rule::id);
    }

    static List<Violation> lint(String name, String sql) {
        Matcher pg = PG.matcher(sql);
        int version = pg.find() ? Integer.parseInt(pg.group(1)) : 15;
        Script script = new Script(name, name, sql, 1);
        LintInput input = new LintInput(script, new DirectiveParser().parse(script), sql.contains("-- down-script"),
                sql.contains("-- no-down"));
        return BuiltInRules.linter(ALL_RULES, version).lintOne(input).violations();
    }

    private static List<Violation> of(List<Violation> found, String rule) {
        return found.stream().filter(v -> v.rule().equals(rule)).toList();
    }

    private static List<Path> fixtures(String rule, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(rule))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void badFixturesGiveExactlyTheExpectedFindings(String rule) throws IOException {
        List<Path> bad = fixtures(rule, "bad");
        assertThat(bad).as("bad fixtures of %s", rule).isNotEmpty();
        for (Path p : bad) {
            String sql = Files.readString(p);
            Matcher m = EXPECTED.matcher(sql);
            assertThat(m.find()).as("%s says -- findings: N", p).isTrue();
            List<Violation> found = of(lint(rule + "/" + p.getFileName(), sql), rule);
            assertThat(found).as("%s findings in %s", rule, p.getFileName()).hasSize(Integer.parseInt(m.group(1)));
            Matcher text = EXPECT_TEXT.matcher(sql);
            while (text.find()) {
                String expected = text.group(1).strip();
                assertThat(found).as("a finding of %s in %s says '%s'", rule, p.getFileName(), expected)
                        .anyMatch(v -> v.message().contains(expected) || v.fix().contains(expected));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void goodFixturesGiveNoFindingOfTheRule(String rule) throws IOException {
        List<Path> good = fixtures(rule, "good");
        assertThat(good).as("good fixtures of %s", rule).isNotEmpty();
        for (Path p : good) {
            List<Violation> found = lint(rule + "/" + p.getFileName(), Files.readString(p));
            assertThat(of(found, rule)).as("%s findings in %s", rule, p.getFileName()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theDocumentedExampleIsFound(String rule) {
        Rule r = BuiltInRules.byId(rule).orElseThrow();
        String example = r.example() + (rule.equals("require-down") ? "\n-- no-down" : "");
        assertThat(of(lint("example.sql", example), rule)).as("example of %s", rule).isNotEmpty();
    }
}
