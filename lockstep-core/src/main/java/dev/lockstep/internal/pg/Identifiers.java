package dev.lockstep.internal.pg;

/** Quoting of SQL identifiers. */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code my"schema} becomes {@code "my""schema"}. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
