package dev.lockstep.internal.lint;

import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Span;
import dev.lockstep.lint.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Collects what the rules find in one script, with the severity configured for each rule. */
public final class Findings {
    private final ScriptContext script;
    private final List<Violation> violations = new ArrayList<>();
    private Rule current;
    private Severity severity;
    private final java.util.function.IntFunction<String> sourceLine;

    Findings(ScriptContext script, java.util.function.IntFunction<String> sourceLine) {
        this.script = script;
        this.sourceLine = sourceLine;
    }

    void use(Rule rule, Severity severity) {
        this.current = rule;
        this.severity = severity;
    }

    /**
     * Reports a finding at statement {@code s}.
     *
     * @param effect {@code rewrites the table}, {@code scans the table} or empty
     */
    public void add(LintStatement s, String message, String effect, String fix) {
        List<HeldLock> held = s.locks();
        String lock = held.isEmpty() ? "" : held.size() == 1 ? held.get(0).toString() : joined(held);
        violations.add(new Violation(current.id(), severity, new Span(script.path(), s.line(), s.column()),
                s.firstLine(), lock, effect, message, fix, sourceLine.apply(s.line())));
    }

    private static String joined(List<HeldLock> held) {
        StringJoiner lock = new StringJoiner(", ");
        for (HeldLock h : held) {
            lock.add(h.toString());
        }
        return lock.toString();
    }

    /** Reports a finding that is not about one statement's lock (a directive, the file itself). */
    public void addAt(int line, int column, String message, String fix) {
        violations.add(new Violation(current.id(), severity, new Span(script.path(), line, column), "", "", "",
                message, fix, sourceLine.apply(line)));
    }

    List<Violation> violations() {
        return violations;
    }
}
