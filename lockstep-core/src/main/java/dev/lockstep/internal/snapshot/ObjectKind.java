package dev.lockstep.internal.snapshot;

import java.util.Optional;

/** The kinds of object a snapshot describes, in the order a snapshot lists them. */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    ENUM("enum"),
    DOMAIN("domain"),
    TYPE("type"),
    RANGE("range"),
    SEQUENCE("sequence"),
    TABLE("table"),
    FOREIGN_TABLE("foreign table"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    AGGREGATE("aggregate"),
    DEFAULT_PRIVILEGES("default privileges");

    private final String label;

    ObjectKind(String label) {
        this.label = label;
    }

    /** As written in a snapshot: {@code table}, {@code materialized view}, ... */
    public String label() {
        return label;
    }

    /** The kind a snapshot block's first line starts with (the longest label that matches). */
    static Optional<ObjectKind> ofLine(String line) {
        ObjectKind best = null;
        for (ObjectKind k : values()) {
            if (line.startsWith(k.label + " ") && (best == null || k.label.length() > best.label.length())) {
                best = k;
            }
        }
        return Optional.ofNullable(best);
    }
}
