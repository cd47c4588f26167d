package dev.lockstep.internal.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A canonical description of a database's schema: its objects sorted by kind and name.
 *
 * @param role the role that read it (quoted as an identifier): the owner of what it created, mapped to
 *             another role when two snapshots taken as different roles are compared
 */
public record Snapshot(String role, List<SchemaObject> objects) {
    private static final Comparator<SchemaObject> ORDER = Comparator.comparing(SchemaObject::kind)
            .thenComparing(SchemaObject::name);

    public Snapshot {
        List<SchemaObject> sorted = new ArrayList<>(objects);
        sorted.sort(ORDER);
        objects = List.copyOf(sorted);
    }

    /** The objects by {@link SchemaObject#key()}, in order. */
    public Map<String, SchemaObject> byKey() {
        Map<String, SchemaObject> out = new LinkedHashMap<>();
        for (SchemaObject o : objects) {
            out.put(o.key(), o);
        }
        return out;
    }

    public int size() {
        return objects.size();
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }
}
