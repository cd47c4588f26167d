package dev.lockstep.internal.inspect;

import dev.lockstep.internal.snapshot.ObjectKind;
import dev.lockstep.internal.snapshot.SchemaObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one object's properties as the catalog queries find them, and puts them in the order a
 * snapshot shows them: the object's own details (a view's definition, a domain's type, a table's
 * partitioning), columns in their table order, then constraints, indexes, triggers and policies by name,
 * its owner, grants and comments.
 */
final class ObjectBuilder {
    enum Part { DETAIL, COLUMN, CONSTRAINT, INDEX, TRIGGER, POLICY, OWNER, GRANT, COMMENT }

    private static final Comparator<String[]> BY_KEY = Comparator.comparing(e -> e[0]);

    final ObjectKind kind;
    final String name;
    private final Map<Part, List<String[]>> parts = new EnumMap<>(Part.class);

    ObjectBuilder(ObjectKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Adds a property; a null value means the object does not have it. */
    ObjectBuilder put(Part part, String key, String value) {
        if (value != null) {
            parts.computeIfAbsent(part, p -> new ArrayList<>()).add(new String[] {key, normalized(value)});
        }
        return this;
    }

    /** Adds {@code grant ROLE: privileges} lines from a list the catalog query built (see {@code CatalogSql#acl}). */
    ObjectBuilder grants(String prefix, String acl) {
        if (acl == null) {
            return this;
        }
        for (String entry : acl.split("\n")) {
            int tab = entry.indexOf('\t');
            put(Part.GRANT, prefix + "grant " + entry.substring(0, tab), entry.substring(tab + 1));
        }
        return this;
    }

    SchemaObject build() {
        Map<String, String> props = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            List<String[]> entries = parts.getOrDefault(p, List.of());
            if (p != Part.COLUMN && p != Part.DETAIL && p != Part.OWNER) {
                entries = new ArrayList<>(entries);
                entries.sort(BY_KEY);
            }
            for (String[] e : entries) {
                props.put(e[0], e[1]);
            }
        }
        return new SchemaObject(kind, name, props);
    }

    /** Line endings as written in a file on Windows or elsewhere read the same. */
    private static String normalized(String value) {
        return value.indexOf('\r') < 0 ? value : value.replace("\r\n", "\n").replace('\r', '\n');
    }
}
