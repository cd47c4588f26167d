package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.internal.config.SettingsReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The reference pages are generated from, or checked against, the code they describe. */
class DocsTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final String BEGIN = "<!-- settings:begin (generated from Setting; mvn verify checks it) -->\n";
    private static final String END = "<!-- settings:end -->";

    @Test
    void settingsPageListsEverySettingAsTheRegistryDescribesIt() throws IOException {
        Path page = DOCS.resolve("settings.md");
        String text = Files.readString(page);
        String table = SettingsReference.markdownTable();
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (Boolean.getBoolean("lockstep.golden.update") && begin >= 0 && end > begin) {
            Files.writeString(page, text.substring(0, begin + BEGIN.length()) + table + text.substring(end));
            text = Files.readString(page);
            begin = text.indexOf(BEGIN);
            end = text.indexOf(END);
        }
        assertThat(begin).as("settings.md has the generated section markers").isNotNegative();
        assertThat(text.substring(begin + BEGIN.length(), end))
                .as("docs/settings.md is out of date; run mvn test -Dlockstep.golden.update=true")
                .isEqualTo(table);
    }

    @Test
    void everyErrorCodeHasAnEntryWithCauseAndSolution() throws IOException {
        String text = Files.readString(DOCS.resolve("error-codes.md"));
        for (ErrorCode code : ErrorCode.values()) {
            String anchor = code.docsAnchor().substring(code.docsAnchor().indexOf('#') + 1);
            assertThat(text).as("docs/error-codes.md entry for %s", code).contains("### " + anchor + "\n");
            String entry = text.substring(text.indexOf("### " + anchor + "\n"));
            int next = entry.indexOf("\n### ", 4);
            entry = next < 0 ? entry : entry.substring(0, next);
            assertThat(entry).contains("Exit code " + code.exitCode()).contains("**Cause**").contains("**Solution**");
        }
    }

    /** docs/lint/ is generated from the rule classes; mvn test -Dlockstep.golden.update=true rewrites it. */
    @Test
    void everyLintRuleHasItsPageAndTheIndexListsThemAll() throws IOException {
        Path lint = DOCS.resolve("lint");
        java.util.Map<Path, String> pages = new java.util.LinkedHashMap<>();
        pages.put(lint.resolve("README.md"), dev.lockstep.internal.lint.rules.RulePage.index());
        for (var rule : dev.lockstep.internal.lint.rules.BuiltInRules.all()) {
            pages.put(lint.resolve(rule.id() + ".md"), dev.lockstep.internal.lint.rules.RulePage.of(rule));
        }
        for (var page : pages.entrySet()) {
            if (Boolean.getBoolean("lockstep.golden.update")) {
                Files.createDirectories(lint);
                Files.writeString(page.getKey(), page.getValue());
            }
            assertThat(page.getKey()).as("%s is missing or out of date; run mvn test -Dlockstep.golden.update=true",
                    page.getKey()).hasContent(page.getValue());
        }
        try (var files = Files.list(lint)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no page for a rule that does not exist")
                    .allMatch(name -> pages.keySet().stream().anyMatch(p -> p.getFileName().toString().equals(name)));
        }
    }

    /** docs/java-api.md shows the examples the build compiles and runs, as they are. */
    @Test
    void theJavaApiPageShowsTheCompiledExamples() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/lockstep/example/JavaApiExample.java"));
        String code = source.substring(source.indexOf("// example:begin\n") + "// example:begin\n".length(),
                source.indexOf("    // example:end"));
        String block = "```java\n" + code.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                .collect(java.util.stream.Collectors.joining("\n")) + "\n```\n";
        Path page = DOCS.resolve("java-api.md");
        String text = Files.readString(page);
        String begin = "<!-- example:begin (copied from JavaApiExample.java; mvn verify checks it) -->\n";
        int from = text.indexOf(begin) + begin.length();
        int to = text.indexOf("<!-- example:end -->");
        if (Boolean.getBoolean("lockstep.golden.update")) {
            Files.writeString(page, text.substring(0, from) + block + text.substring(to));
            text = Files.readString(page);
            to = text.indexOf("<!-- example:end -->");
        }
        assertThat(text.substring(from, to)).as("docs/java-api.md examples are out of date; run mvn test "
                + "-Dlockstep.golden.update=true").isEqualTo(block);
    }

    @Test
    void everyCommandHasAPage() {
        for (String command : new String[] {"new", "status", "migrate", "rollback", "validate", "baseline", "repair",
                "embedded", "lint", "backup", "restore", "preflight", "verify", "deploy", "approve", "snapshot", "drift", "rehearse",
                "heads", "merge", "import"}) {
            assertThat(DOCS.resolve("commands").resolve(command + ".md")).exists();
        }
    }
}
