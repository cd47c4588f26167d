package dev.lockstep.lint;

/**
 * One lint finding.
 *
 * @param statement the statement's SQL (its first line when long)
 * @param lock the lock the statement takes and on what, e.g. {@code ACCESS EXCLUSIVE on accounts}; may be empty
 * @param effect what it does to the table besides locking: {@code rewrites the table}, {@code scans the table}, or empty
 * @param fix the safe alternative, as SQL or advice
 * @param sourceLine the text of the file's line the finding points at, for showing it with a caret
 * @param verdict the migrate gate's decision, when the finding was judged against a database; else null
 */
public record Violation(String rule, Severity severity, Span span, String statement, String lock, String effect,
                        String message, String fix, String sourceLine, Verdict verdict) {

    /** A finding not judged against a database (yet). */
    public Violation(String rule, Severity severity, Span span, String statement, String lock, String effect,
                     String message, String fix, String sourceLine) {
        this(rule, severity, span, statement, lock, effect, message, fix, sourceLine, null);
    }

    public Violation withVerdict(Verdict judged) {
        return new Violation(rule, severity, span, statement, lock, effect, message, fix, sourceLine, judged);
    }

    /** Whether it stops {@code migrate}: an error the gate did not let through. */
    public boolean blocking() {
        return severity == Severity.ERROR && (verdict == null || verdict.blocks());
    }
}
