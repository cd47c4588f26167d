package dev.lockstep;

import java.util.ArrayList;
import java.util.List;

/**
 * One object on which two schema snapshots disagree: present in the expected schema only
 * ({@code missing}), in the found schema only ({@code extra}), or in both with properties that differ
 * ({@code changed}). For {@code drift} the expected schema is what the migrations produce and the found
 * one is the live database; for {@code rehearse}, the schema before a step and the one after.
 *
 * @param kind {@code table}, {@code function}, {@code enum}, ...
 * @param name the object's qualified name, e.g. {@code public.accounts} or {@code public.touch(integer)}
 * @param change {@code missing}, {@code extra} or {@code changed}
 * @param properties for a changed object, each property that differs (a column, an index, the owner, ...)
 */
public record SchemaDifference(String kind, String name, String change, List<Property> properties) {
    private static final int SHOWN = 120;

    public SchemaDifference {
        properties = List.copyOf(properties);
    }

    /**
     * One property of an object that differs.
     *
     * @param expected null when only the found schema has it
     * @param found null when only the expected schema has it
     */
    public record Property(String key, String expected, String found) {
        /** {@code missing}, {@code extra} or {@code changed}, as for objects. */
        public String change() {
            return found == null ? "missing" : expected == null ? "extra" : "changed";
        }
    }

    /** {@code table public.accounts}. */
    public String object() {
        return kind + " " + name;
    }

    /** The difference as text: a line for the object, an indented line per property. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(object() + ": " + change);
        for (Property p : properties) {
            String what = switch (p.change()) {
                case "missing" -> "missing: " + shown(p.expected());
                case "extra" -> "extra: " + shown(p.found());
                default -> "expected " + shown(p.expected()) + ", found " + shown(p.found());
            };
            out.add("  " + p.key() + ": " + what);
        }
        return out;
    }

    /** A value on one line: long or multi-line values (function bodies, view definitions) summarised. */
    static String shown(String value) {
        if (value.indexOf('\n') < 0 && value.length() <= SHOWN) {
            return value;
        }
        String first = value.strip().lines().findFirst().orElse("");
        int lines = (int) value.lines().count();
        String head = first.length() > 60 ? first.substring(0, 60) + "…" : first;
        return "\"" + head + "\" (" + lines + " line" + (lines == 1 ? "" : "s") + ", " + value.length() + " characters)";
    }
}
