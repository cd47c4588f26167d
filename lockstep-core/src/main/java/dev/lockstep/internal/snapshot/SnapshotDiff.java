package dev.lockstep.internal.snapshot;

import dev.lockstep.SchemaDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The differences between two snapshots, object by object and property by property. Pure. */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    /** How {@code found} differs from {@code expected}: missing, extra and changed objects, in snapshot order. */
    public static List<SchemaDifference> diff(Snapshot expected, Snapshot found) {
        Map<String, SchemaObject> want = expected.byKey();
        Map<String, SchemaObject> have = found.byKey();
        List<SchemaDifference> out = new ArrayList<>();
        List<SchemaObject> all = new ArrayList<>(expected.objects());
        for (SchemaObject o : found.objects()) {
            if (!want.containsKey(o.key())) {
                all.add(o);
            }
        }
        all.sort(java.util.Comparator.comparing(SchemaObject::kind).thenComparing(SchemaObject::name));
        for (SchemaObject o : all) {
            SchemaObject e = want.get(o.key());
            SchemaObject f = have.get(o.key());
            if (f == null) {
                out.add(new SchemaDifference(o.kind().label(), o.name(), "missing", List.of()));
            } else if (e == null) {
                out.add(new SchemaDifference(o.kind().label(), o.name(), "extra", List.of()));
            } else {
                List<SchemaDifference.Property> props = properties(e.properties(), f.properties(), false);
                if (!props.isEmpty()) {
                    out.add(new SchemaDifference(o.kind().label(), o.name(), "changed", props));
                }
            }
        }
        return out;
    }

    /**
     * What of {@code expected} is not in {@code found}: objects missing, properties missing or different.
     * Extra objects and properties in {@code found} do not count (the found schema may have more).
     */
    public static List<SchemaDifference> notContained(Snapshot expected, Snapshot found) {
        Map<String, SchemaObject> have = found.byKey();
        List<SchemaDifference> out = new ArrayList<>();
        for (SchemaObject e : expected.objects()) {
            SchemaObject f = have.get(e.key());
            if (f == null) {
                out.add(new SchemaDifference(e.kind().label(), e.name(), "missing", List.of()));
                continue;
            }
            List<SchemaDifference.Property> props = properties(e.properties(), f.properties(), true);
            if (!props.isEmpty()) {
                out.add(new SchemaDifference(e.kind().label(), e.name(), "changed", props));
            }
        }
        return out;
    }

    private static List<SchemaDifference.Property> properties(Map<String, String> expected, Map<String, String> found,
                                                              boolean expectedOnly) {
        List<SchemaDifference.Property> out = new ArrayList<>();
        expected.forEach((k, v) -> {
            String f = found.get(k);
            if (!Objects.equals(v, f)) {
                out.add(new SchemaDifference.Property(k, v, f));
            }
        });
        if (!expectedOnly) {
            found.forEach((k, v) -> {
                if (!expected.containsKey(k)) {
                    out.add(new SchemaDifference.Property(k, null, v));
                }
            });
        }
        return out;
    }
}
