package dev.lockstep.cli.render;

import dev.lockstep.cli.Console;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.util.List;

/** Findings as text: where, what, the lock and its effect, the line with a caret, and what to write instead. */
public final class LintText {
    private LintText() {
    }

    public static void render(Console console, LintReport report) {
        for (Violation v : report.violations()) {
            finding(console, v, "");
        }
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        long hints = report.count(Severity.HINT);
        boolean judged = false;
        long blocking = 0;
        for (Violation v : report.violations()) {
            judged |= v.verdict() != null;
            blocking += v.blocking() ? 1 : 0;
        }
        console.println((report.violations().isEmpty() ? "No findings" : plural(errors, "error") + ", "
                + plural(warnings, "warning") + (hints == 0 ? "" : ", " + plural(hints, "hint"))) + " in "
                + plural(report.files(), "file") + " (" + plural(report.statements(), "statement") + ", PostgreSQL "
                + report.pgVersion() + ")" + (judged ? "; " + blocking + " would block migrate on this database." : "."));
    }

    /** One finding, each line prefixed with {@code indent}. */
    public static void finding(Console console, Violation v, String indent) {
        console.println(indent + v.span() + ": " + v.severity().label() + "[" + v.rule() + "]: " + v.message());
        String lock = v.lock().isEmpty() ? "" : "lock: " + v.lock();
        String effect = v.effect().isEmpty() ? "" : v.effect();
        if (!lock.isEmpty() || !effect.isEmpty()) {
            console.println(indent + "   " + lock + (lock.isEmpty() || effect.isEmpty() ? "" : " · ") + effect);
        }
        if (!v.sourceLine().isEmpty()) {
            String number = Integer.toString(v.span().line());
            console.println(indent + "   " + number + " | " + v.sourceLine());
            console.println(indent + "   " + " ".repeat(number.length()) + " | " + " ".repeat(Math.max(0,
                    v.span().column() - 1)) + "^");
        }
        console.println(indent + "   instead: " + v.fix().replace("\n", "\n" + indent + "            "));
        if (v.verdict() != null && v.severity() == Severity.ERROR) {
            console.println(indent + "   migrate: " + v.verdict());
        }
        console.println("");
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
