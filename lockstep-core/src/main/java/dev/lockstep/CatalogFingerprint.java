package dev.lockstep;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a database's catalog holds, compactly: every schema, table, column, constraint, index, view,
 * sequence, function, type, trigger, policy, extension and default privilege with its owner,
 * privileges, comment and definition, and the number of rows of every table. {@code backup} records it
 * in the manifest; {@code restore} compares the restored database with it.
 *
 * @param objects by key (e.g. {@code table public.accounts}): the object's attributes (e.g. {@code owner},
 *                {@code acl}, {@code comment}, {@code row security}, {@code definition})
 * @param rows rows per table, by qualified name (e.g. {@code public.accounts})
 */
public record CatalogFingerprint(Map<String, Map<String, String>> objects, Map<String, Long> rows) {
    public CatalogFingerprint {
        TreeMap<String, Map<String, String>> sorted = new TreeMap<>();
        if (objects != null) {
            objects.forEach((k, v) -> sorted.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        }
        objects = Collections.unmodifiableMap(sorted);
        rows = Collections.unmodifiableMap(rows == null ? new TreeMap<>() : new TreeMap<>(rows));
    }
}
