package dev.lockstep.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LinterTest {

    private static List<Violation> lint(LintSettings settings, int pg, String sql) {
        Script script = new Script("m/V1__x.sql", "V1__x.sql", sql, 1);
        return BuiltInRules.linter(settings, pg).lintOne(script, new DirectiveParser().parse(script)).violations();
    }

    @Test
    void aFindingSaysWhereWhichLockWhatItDoesAndWhatToWriteInstead() {
        Violation v = lint(LintSettings.DEFAULT, 15, "-- add an index\n\n  CREATE INDEX accounts_email ON accounts (email);")
                .get(0);
        assertThat(v.rule()).isEqualTo("require-concurrent-index");
        assertThat(v.severity()).isEqualTo(Severity.ERROR);
        assertThat(v.span().toString()).isEqualTo("m/V1__x.sql:3:3");
        assertThat(v.lock()).isEqualTo("SHARE on accounts");
        assertThat(v.effect()).isEqualTo("scans the table");
        assertThat(v.fix()).isEqualTo("CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);");
        assertThat(v.sourceLine()).isEqualTo("  CREATE INDEX accounts_email ON accounts (email);");
    }

    @Test
    void aTableCreatedInTheFileIsRecognisedByItsQuotedNameAndOnlyByIt() {
        String created = "CREATE TABLE \"Accounts\" (id bigint PRIMARY KEY, email text);\n";
        assertThat(lint(LintSettings.DEFAULT, 15, created + "CREATE INDEX a_email ON \"Accounts\" (email);\n"
                + "ALTER TABLE public.\"Accounts\" ADD CONSTRAINT a_check CHECK (id > 0);\n"))
                .filteredOn(v -> v.severity() != Severity.HINT).isEmpty();
        // Unquoted, Accounts is the table accounts: not the one the file created.
        assertThat(lint(LintSettings.DEFAULT, 15, created + "CREATE INDEX a_email ON Accounts (email);\n"
                + "ALTER TABLE Accounts ADD CONSTRAINT a_check CHECK (id > 0);\n"))
                .extracting(Violation::rule).contains("require-concurrent-index", "constraint-missing-not-valid");
    }

    @Test
    void aStatementThatIsNoCommandIsASyntaxErrorWithTheCommandOneTypoAway() {
        for (String[] typo : new String[][] {{"CREAT INDEX i ON t (a)", "CREATE"}, {"CRAETE TABLE t (a int)", "CREATE"},
                {"ALTERR TABLE t ADD b int", "ALTER"}, {"INSRT INTO t VALUES (1)", "INSERT"},
                {"UPDATR t SET a = 1", "UPDATE"}}) {
            assertThat(lint(LintSettings.DEFAULT, 15, typo[0] + ";")).singleElement().satisfies(v -> {
                assertThat(v.rule()).isEqualTo("syntax-error");
                assertThat(v.fix()).isEqualTo("did you mean " + typo[1] + "?");
            });
        }
        assertThat(lint(LintSettings.DEFAULT, 15, "FROBNICATE t;")).singleElement()
                .satisfies(v -> assertThat(v.fix()).startsWith("correct the statement"));
    }

    /**
     * Many files are linted on every core; the report is the same as linting them one by one, in the same
     * order (file, line, column, rule), however the work was divided.
     */
    @Test
    void manyFilesLintedInParallelGiveTheFindingsOfLintingThemOneByOneInFileAndLineOrder() throws IOException {
        List<LintInput> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/lint"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted(Comparator.reverseOrder()).toList()) {
                Script script = new Script(p.toString(), p.getFileName().toString(), Files.readString(p), 1);
                inputs.add(new LintInput(script, new DirectiveParser().parse(script)));
            }
        }
        assertThat(inputs).hasSizeGreaterThan(100);
        Linter linter = BuiltInRules.linter(LintSettings.DEFAULT, 15);
        List<Violation> oneByOne = new ArrayList<>();
        int statements = 0;
        for (String path : inputs.stream().map(i -> i.script().path()).sorted().toList()) {
            Linter.Result r = linter.lintOne(inputs.stream().filter(i -> i.script().path().equals(path)).findFirst()
                    .orElseThrow());
            oneByOne.addAll(r.violations().stream().sorted(Comparator.comparingInt((Violation v) -> v.span().line())
                    .thenComparingInt(v -> v.span().column()).thenComparing(Violation::rule)).toList());
            statements += r.statements();
        }
        LintReport all = linter.lint(inputs);
        assertThat(all.violations()).hasSizeGreaterThan(100).isEqualTo(oneByOne);
        assertThat(all.statements()).isEqualTo(statements);
        assertThat(linter.lint(inputs)).isEqualTo(all);
    }

    @Test
    void aConstantDefaultIsSafeFromPostgres11ButNotBefore() {
        String sql = "ALTER TABLE accounts ADD COLUMN plan text DEFAULT 'free';";
        assertThat(lint(LintSettings.DEFAULT, 15, sql)).extracting(Violation::rule).doesNotContain("adding-field-with-default");
        assertThat(lint(LintSettings.DEFAULT, 10, sql)).extracting(Violation::rule).contains("adding-field-with-default");
    }

    @Test
    void severitiesCanBeChangedAndRulesDisabled() {
        String sql = "ALTER TABLE accounts RENAME COLUMN a TO b;";
        LintSettings stricter = new LintSettings(null, Map.of("renaming-column", Severity.ERROR), Set.of(), Set.of());
        assertThat(lint(stricter, 15, sql)).singleElement().satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.ERROR));
        LintSettings off = new LintSettings(null, Map.of(), Set.of("renaming-column"), Set.of());
        assertThat(lint(off, 15, sql)).isEmpty();
    }

    @Test
    void aSuppressionWithAReasonSilencesItsRuleInTheFile() {
        String sql = "-- lockstep:ignore require-concurrent-index the table is empty\nCREATE INDEX i ON t (a);";
        assertThat(lint(LintSettings.DEFAULT, 15, sql)).isEmpty();
    }

    @Test
    void aSuppressionOfAnUnknownRuleIsAnErrorNamingIt() {
        String sql = "-- lockstep:ignore require-concurent-index typo\nCREATE INDEX i ON t (a);";
        assertThatThrownBy(() -> lint(LintSettings.DEFAULT, 15, sql)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("m/V1__x.sql:1").contains("require-concurent-index"));
    }

    @Test
    void anUnterminatedQuoteIsAFindingWithItsPositionNotACrash() {
        List<Violation> found = lint(LintSettings.DEFAULT, 15, "SELECT 1;\nSELECT $x$ never closed;");
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("syntax-error");
            assertThat(v.span().line()).isEqualTo(2);
            assertThat(v.span().column()).isEqualTo(8);
        });
    }

    @Test
    void anEmptyFileHasNoFindings() {
        assertThat(lint(LintSettings.DEFAULT, 15, "")).isEmpty();
        assertThat(lint(LintSettings.DEFAULT, 15, "-- only a comment\n")).isEmpty();
    }

    @Test
    void theReportCountsPerRuleAndKnowsWhenItFails() {
        Script a = new Script("a.sql", "a.sql", "CREATE INDEX i ON t (a);\nALTER TABLE t RENAME TO u;", 1);
        LintReport report = BuiltInRules.linter(LintSettings.DEFAULT, 15).lint(List.of(new LintInput(a,
                new DirectiveParser().parse(a))));
        assertThat(report.perRule()).containsEntry("require-concurrent-index", 1L).containsEntry("renaming-table", 1L);
        assertThat(report.failsAt(Severity.ERROR)).isTrue();
        assertThat(report.failsAt(null)).isFalse();
        assertThat(report.statements()).isEqualTo(2);
    }

    @Test
    void hintsAreShownButCountOnlyWhenTheThresholdIsHint() {
        Script a = new Script("a.sql", "a.sql", "CREATE TABLE t (id serial PRIMARY KEY, at timestamp);", 1);
        LintReport report = BuiltInRules.linter(LintSettings.DEFAULT, 15).lint(List.of(new LintInput(a,
                new DirectiveParser().parse(a))));
        assertThat(report.violations()).isNotEmpty().allMatch(v -> v.severity() == Severity.HINT);
        assertThat(report.failsAt(Severity.WARNING)).isFalse();
        assertThat(report.failsAt(Severity.HINT)).isTrue();
        assertThat(Severity.parse("hint")).isEqualTo(Severity.HINT);
    }

    @Test
    void aFindingNamesEveryLockTheStatementTakes() {
        assertThat(lint(LintSettings.DEFAULT, 15, "REINDEX TABLE accounts;")).singleElement()
                .satisfies(v -> assertThat(v.lock()).isEqualTo("SHARE on accounts, ACCESS EXCLUSIVE on the indexes of accounts"));
        assertThat(lint(LintSettings.DEFAULT, 15, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES accounts;"))
                .filteredOn(v -> v.rule().equals("foreign-key-missing-not-valid")).singleElement()
                .satisfies(v -> assertThat(v.lock())
                        .isEqualTo("SHARE ROW EXCLUSIVE on orders, SHARE ROW EXCLUSIVE on accounts"));
    }

    @Test
    void aLockEndsAtTheCommitOfItsBlock() {
        String oneBlock = "BEGIN;\nALTER TABLE a ADD COLUMN x text;\nUPDATE a SET x = '1' WHERE id < 9;\nCOMMIT;";
        String twoBlocks = "BEGIN;\nALTER TABLE a ADD COLUMN x text;\nCOMMIT;\nBEGIN;\nUPDATE a SET x = '1' WHERE id < 9;\n"
                + "COMMIT;";
        assertThat(lint(LintSettings.DEFAULT, 15, oneBlock)).extracting(Violation::rule)
                .containsExactly("strong-lock-then-more-work");
        assertThat(lint(LintSettings.DEFAULT, 15, twoBlocks)).isEmpty();
    }

    @Test
    void aDownScriptIsCheckedOnlyForWhatWouldMakeItFail() {
        Script down = new Script("U1__x.sql", "U1__x.sql", "DROP INDEX accounts_email;\nALTER TABLE a DROP COLUMN b;\n"
                + "BEGIN;\nVACUUM a;\nCOMMIT;", 1);
        List<Violation> found = BuiltInRules.linter(LintSettings.DEFAULT, 15).lintOne(new LintInput(down,
                new DirectiveParser().parse(down), true, false)).violations();
        assertThat(found).extracting(Violation::rule).containsExactly("ban-concurrent-index-in-transaction");
    }
}
