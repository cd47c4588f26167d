package dev.lockstep.internal.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object of a schema and its properties, in the order a snapshot shows them. What belongs to a table
 * (columns, constraints, indexes, triggers, policies, grants) are its properties, keyed {@code column
 * email}, {@code index accounts_email}, ...: a change to a table is a change to its block.
 *
 * @param name qualified and quoted as PostgreSQL's {@code quote_ident} would, e.g. {@code public."Order"}
 */
public record SchemaObject(ObjectKind kind, String name, Map<String, String> properties) {
    public SchemaObject {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** {@code table public.accounts}: unique within a snapshot. */
    public String key() {
        return kind.label() + " " + name;
    }
}
