package dev.lockstep.lint;

/** A lint rule as users see it: its kebab-case id, default severity, one-line summary and docs page. */
public record RuleInfo(String id, Severity severity, String summary) {
    public String docs() {
        return "docs/lint/" + id + ".md";
    }
}
