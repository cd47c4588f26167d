package dev.lockstep.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Console;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Span;
import dev.lockstep.lint.Verdict;
import dev.lockstep.lint.Violation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintJsonTest {

    private static JsonNode written(java.util.function.Consumer<PrintStream> writer) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheSameDocumentAsTheJsonMapper() throws Exception {
        Violation odd = new Violation("syntax-error", Severity.HINT, new Span("dir/\"quoted\" \\ file.sql", 3, 9),
                "SELECT 'a\tb'", "", "", "line one\nline two \u0001 é", "fix \"it\"", "\tSELECT 'x");
        Violation plain = new Violation("require-concurrent-index", Severity.ERROR, new Span("V2.sql", 1, 1),
                "CREATE INDEX i ON t (a)", "SHARE on t", "scans the table", "m", "CREATE INDEX CONCURRENTLY ...", "x");
        Violation judged = plain.withVerdict(Verdict.passes("t is created in this run (\"migration 2\")"));
        // Non-ASCII text goes through the stream's encoder; ASCII is written as bytes at once.
        for (LintReport report : List.of(new LintReport(2, 7, 15, List.of(odd, plain, judged)),
                new LintReport(1, 3, 15, List.of(plain, judged)), new LintReport(0, 0, 13, List.of()))) {
            JsonNode direct = written(out -> LintJson.render(out, report));
            JsonNode mapped = written(out -> Console.printJson(out, report));
            assertThat(direct).isEqualTo(mapped);
        }
    }

    @Test
    void anAsciiReportIsOneLineOfOutputEndingTheWayPrintlnEndsIt() {
        Violation plain = new Violation("require-concurrent-index", Severity.ERROR, new Span("V2.sql", 1, 1),
                "CREATE INDEX i ON t (a)", "SHARE on t", "scans the table", "m", "CREATE INDEX CONCURRENTLY ...", "x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LintJson.render(out, new LintReport(1, 1, 15, List.of(plain)));
        out.println("next");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"files\" : 1,").endsWith("}" + System.lineSeparator() + "next"
                + System.lineSeparator());
    }
}
