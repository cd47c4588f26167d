package dev.lockstep.lint;

/** Where a finding is: file and 1-based line and column. */
public record Span(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
