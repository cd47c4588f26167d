package dev.lockstep.internal.sql;

/** Something in a script that cannot be run as SQL, at a 1-based line and column. */
public record SqlProblem(int line, int column, String message) {
    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
