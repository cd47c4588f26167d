package dev.lockstep.internal.catalog;

import dev.lockstep.CatalogFingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a database differs from a {@link CatalogFingerprint}, one line per difference, in key order:
 * objects missing, objects that should not be there, attributes that changed, tables whose row count
 * changed. Pure.
 */
public final class CatalogDiff {
    private CatalogDiff() {
    }

    /** Every difference, ownership included. */
    public static List<String> differences(CatalogFingerprint expected, CatalogFingerprint actual) {
        return differences(expected, actual, null);
    }

    /**
     * @param expected the fingerprint recorded with the backup
     * @param actual the database as it is now
     * @param restoredAs null to compare ownership; else the role that owns everything restored, because it
     *                   could not give objects their owners back: then owners are left out, and so are the
     *                   privileges that follow from ownership (the owners' own, and this role's, which owning
     *                   the objects gives it) and the grantors of the others
     */
    public static List<String> differences(CatalogFingerprint expected, CatalogFingerprint actual, String restoredAs) {
        boolean owners = restoredAs == null;
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.objects().keySet());
        keys.addAll(actual.objects().keySet());
        for (String key : keys) {
            Map<String, String> was = expected.objects().get(key);
            Map<String, String> now = actual.objects().get(key);
            if (now == null) {
                out.add(key + ": in the backup, missing now");
            } else if (was == null) {
                out.add(key + ": not in the backup");
            } else {
                changed(key, owners ? was : withoutOwner(was, restoredAs), owners ? now : withoutOwner(now, restoredAs),
                        out);
            }
        }
        TreeSet<String> tables = new TreeSet<>(expected.rows().keySet());
        tables.retainAll(actual.rows().keySet());
        for (String table : tables) {
            long was = expected.rows().get(table);
            long now = actual.rows().get(table);
            if (was != now) {
                out.add("rows of " + table + ": " + was + " in the backup, " + now + " now");
            }
        }
        return out;
    }

    private static void changed(String key, Map<String, String> was, Map<String, String> now, List<String> out) {
        TreeSet<String> attributes = new TreeSet<>(was.keySet());
        attributes.addAll(now.keySet());
        for (String attribute : attributes) {
            String a = was.get(attribute);
            String b = now.get(attribute);
            if (!Objects.equals(a, b)) {
                out.add(key + ": " + attribute + " " + shown(a) + " in the backup, " + shown(b) + " now");
            }
        }
    }

    private static String shown(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    /** The attributes without the owner; privileges without the owner's own, {@code role}'s and grantors. */
    static Map<String, String> withoutOwner(Map<String, String> attributes, String role) {
        Map<String, String> out = new TreeMap<>(attributes);
        String owner = out.remove("owner");
        String acl = out.get("acl");
        if (acl != null) {
            String kept = Arrays.stream(acl.split(","))
                    .filter(item -> !grantee(item).equals(owner) && !grantee(item).equals(role))
                    .map(item -> item.contains("/") ? item.substring(0, item.lastIndexOf('/')) : item)
                    .sorted().collect(Collectors.joining(","));
            out.put("acl", kept);
        }
        return out;
    }

    /** The grantee of an ACL item {@code grantee=privileges/grantor}, unquoted; empty for PUBLIC. */
    private static String grantee(String item) {
        int eq = item.lastIndexOf('=', item.contains("/") ? item.lastIndexOf('/') : item.length());
        String g = eq < 0 ? item : item.substring(0, eq);
        return g.startsWith("\"") && g.endsWith("\"") && g.length() > 1 ? g.substring(1, g.length() - 1).replace("\"\"", "\"") : g;
    }
}
