package dev.lockstep.cli.render;

import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Violation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A lint report as JSON, written directly: the same document the JSON mapper writes for
 * {@link LintReport}, without loading and initialising the mapper, which would cost a lint run more
 * than the linting of a few hundred files.
 */
public final class LintJson {
    private LintJson() {
    }

    public static void render(PrintStream out, LintReport report) {
        StringBuilder sb = new StringBuilder(256 + report.violations().size() * 512);
        sb.append("{\n  \"files\" : ").append(report.files())
                .append(",\n  \"statements\" : ").append(report.statements())
                .append(",\n  \"pgVersion\" : ").append(report.pgVersion())
                .append(",\n  \"violations\" : [");
        String sep = " ";
        for (Violation v : report.violations()) {
            sb.append(sep);
            violation(sb, v);
            sep = ", ";
        }
        sb.append(report.violations().isEmpty() ? "]\n}" : " ]\n}").append(System.lineSeparator());
        String text = sb.toString();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == text.length()) {
            // ASCII: the same bytes in whatever charset the stream encodes, so written at once rather than
            // through its encoder (a report of 1,000 files is a megabyte; the encoder took ~8 ms of it).
            out.write(utf8, 0, utf8.length);
            out.flush();
        } else {
            out.print(text);
        }
    }

    /**
     * One violation. A method of its own rather than the loop's body: a method run a few hundred times is
     * compiled, a loop body in a method run once is interpreted to the end.
     */
    private static void violation(StringBuilder sb, Violation v) {
        sb.append("{\n");
        field(sb, "rule", v.rule());
        field(sb, "severity", v.severity().name());
        sb.append("    \"span\" : {\n      \"file\" : ");
        string(sb, v.span().file());
        sb.append(",\n      \"line\" : ").append(v.span().line())
                .append(",\n      \"column\" : ").append(v.span().column()).append("\n    },\n");
        field(sb, "statement", v.statement());
        field(sb, "lock", v.lock());
        field(sb, "effect", v.effect());
        field(sb, "message", v.message());
        field(sb, "fix", v.fix());
        sb.append("    \"sourceLine\" : ");
        string(sb, v.sourceLine());
        sb.append(",\n    \"verdict\" : ");
        if (v.verdict() == null) {
            sb.append("null");
        } else {
            sb.append("{\n      \"blocks\" : ").append(v.verdict().blocks()).append(",\n      \"reason\" : ");
            string(sb, v.verdict().reason());
            sb.append("\n    }");
        }
        sb.append("\n  }");
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append("    \"").append(name).append("\" : ");
        string(sb, value);
        sb.append(",\n");
    }

    static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == s.length()) {
            sb.append(s).append('"'); // the usual case: nothing to escape, copied at once
            return;
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
