package dev.lockstep.cli.render;

import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.io.PrintStream;

/** Findings as GitHub Actions workflow commands: each becomes an annotation on the pull request's diff. */
public final class LintGithub {
    private LintGithub() {
    }

    public static void render(PrintStream out, LintReport report) {
        for (Violation v : report.violations()) {
            out.println("::" + level(v.severity()) + " file=" + property(v.span().file())
                    + ",line=" + v.span().line() + ",col=" + v.span().column() + ",title=" + property("lockstep " + v.rule())
                    + "::" + data(v.message() + (v.lock().isEmpty() ? "" : " (lock: " + v.lock() + ")")
                    + "\nInstead: " + v.fix()));
        }
    }

    /** GitHub's annotation levels: error, warning, notice. */
    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case HINT -> "notice";
        };
    }

    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
