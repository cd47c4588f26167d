package dev.lockstep.internal.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Where a snapshot names roles: an {@code owner}, a {@code grant ROLE} property, a policy's {@code to} list,
 * the role of {@code default privileges for ROLE ...}. Two databases built by different roles (the live
 * one by its migration user, a scratch copy by the scratch server's user) compare once one role is
 * mapped to the other.
 */
public final class Roles {
    static final String PUBLIC = "PUBLIC";
    private static final String GRANT = "grant ";
    private static final String TO = " to";
    private static final String FOR = "for ";

    private Roles() {
    }

    /** The snapshot with every role in {@code renames} replaced; the others stay. */
    public static Snapshot rename(Snapshot s, Map<String, String> renames) {
        if (renames.isEmpty() || renames.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
            return s;
        }
        UnaryOperator<String> role = r -> renames.getOrDefault(r, r);
        List<SchemaObject> out = new ArrayList<>();
        for (SchemaObject o : s.objects()) {
            if (o.kind() == ObjectKind.SCHEMA && o.name().equals("public")) {
                // Made by the server with the database, not by migrations: its roles are the server's own.
                out.add(o);
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            o.properties().forEach((k, v) -> props.put(renameInKey(k, role), renameInValue(k, v, role)));
            String name = o.kind() == ObjectKind.DEFAULT_PRIVILEGES ? renameDefaultPrivileges(o.name(), role) : o.name();
            out.add(new SchemaObject(o.kind(), name, props));
        }
        return new Snapshot(role.apply(s.role()), out);
    }

    /** Every role a snapshot names (as quoted identifiers), PUBLIC left out. */
    public static List<String> named(Snapshot s) {
        TreeSet<String> out = new TreeSet<>();
        UnaryOperator<String> collect = r -> {
            if (!r.equals(PUBLIC) && !r.isEmpty()) {
                out.add(r);
            }
            return r;
        };
        for (SchemaObject o : s.objects()) {
            o.properties().forEach((k, v) -> {
                renameInKey(k, collect);
                renameInValue(k, v, collect);
            });
            if (o.kind() == ObjectKind.DEFAULT_PRIVILEGES) {
                renameDefaultPrivileges(o.name(), collect);
            }
        }
        return List.copyOf(out);
    }

    /** {@code "my role"} to {@code my role}; an unquoted name as it is. */
    public static String unquote(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier;
    }

    private static String renameInKey(String key, UnaryOperator<String> role) {
        int at = key.startsWith(GRANT) ? 0 : key.lastIndexOf(" " + GRANT) + 1;
        if (at == 0 && !key.startsWith(GRANT)) {
            return key;
        }
        return key.substring(0, at + GRANT.length()) + role.apply(key.substring(at + GRANT.length()));
    }

    private static String renameInValue(String key, String value, UnaryOperator<String> role) {
        if (key.equals("owner")) {
            return role.apply(value);
        }
        if (key.endsWith(TO) && key.startsWith("policy ")) {
            List<String> roles = new ArrayList<>();
            for (String r : value.split(", ")) {
                roles.add(role.apply(r));
            }
            return String.join(", ", roles);
        }
        return value;
    }

    /** {@code for app in schema public on tables}: the role is the identifier after {@code for}. */
    private static String renameDefaultPrivileges(String name, UnaryOperator<String> role) {
        if (!name.startsWith(FOR)) {
            return name;
        }
        int end = tokenEnd(name, FOR.length());
        return FOR + role.apply(name.substring(FOR.length(), end)) + name.substring(end);
    }

    /** The end of the identifier starting at {@code from}: a quoted one may hold spaces. */
    static int tokenEnd(String s, int from) {
        if (from < s.length() && s.charAt(from) == '"') {
            int i = from + 1;
            while (i < s.length()) {
                if (s.charAt(i) == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return s.length();
        }
        int space = s.indexOf(' ', from);
        return space < 0 ? s.length() : space;
    }
}
