package dev.lockstep.internal.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of a snapshot, made for code review: one block per object (its kind and name, then
 * {@code key: value} lines indented by two spaces), blocks in a stable order separated by a blank line.
 * A value of several lines (a function body, a view) is written as {@code key: |N} and its N lines
 * indented by four spaces, so that stripped trailing whitespace cannot change where it ends.
 */
public final class SnapshotText {
    public static final String HEADER = "-- lockstep schema snapshot 1";
    private static final String ROLE = "-- role: ";
    private static final String INDENT = "  ";
    private static final String BODY_INDENT = "    ";

    private SnapshotText() {
    }

    public static String write(Snapshot s) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append(HEADER).append('\n');
        sb.append("-- Written by 'lockstep snapshot' (and by migrate with snapshot-file); 'lockstep drift' "
                + "compares a database with it.\n");
        sb.append(ROLE).append(s.role()).append('\n');
        for (SchemaObject o : s.objects()) {
            sb.append('\n').append(o.key()).append('\n');
            for (Map.Entry<String, String> p : o.properties().entrySet()) {
                String v = p.getValue();
                sb.append(INDENT).append(p.getKey()).append(':');
                if (v.indexOf('\n') < 0 && !v.startsWith("|")) {
                    sb.append(' ').append(v).append('\n');
                    continue;
                }
                String[] lines = v.split("\n", -1);
                sb.append(" |").append(lines.length).append('\n');
                for (String line : lines) {
                    sb.append(BODY_INDENT).append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Reads a snapshot written by {@link #write}; throws {@link IllegalArgumentException} naming the line. */
    public static Snapshot parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("line 1: not a Lockstep schema snapshot (expected '" + HEADER + "')");
        }
        String role = null;
        List<SchemaObject> objects = new ArrayList<>();
        ObjectKind kind = null;
        String name = null;
        Map<String, String> props = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(ROLE)) {
                role = line.substring(ROLE.length()).strip();
            } else if (line.isBlank() || line.startsWith("--")) {
                continue;
            } else if (!line.startsWith(" ")) {
                if (kind != null) {
                    objects.add(new SchemaObject(kind, name, props));
                }
                int n = i + 1;
                kind = ObjectKind.ofLine(line).orElseThrow(() -> new IllegalArgumentException("line " + n
                        + ": '" + line + "' does not start with a kind of object"));
                name = line.substring(kind.label().length() + 1);
                props = new LinkedHashMap<>();
            } else {
                if (kind == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a property before any object");
                }
                i = property(lines, i, props);
            }
        }
        if (kind != null) {
            objects.add(new SchemaObject(kind, name, props));
        }
        if (role == null) {
            throw new IllegalArgumentException("no '" + ROLE.strip() + "' line");
        }
        return new Snapshot(role, objects);
    }

    /** Reads the property at line {@code i} into {@code props}; returns the index of its last line. */
    private static int property(String[] lines, int i, Map<String, String> props) {
        String line = lines[i].substring(Math.min(INDENT.length(), lines[i].length()));
        int colon = separator(line);
        if (colon < 0) {
            throw new IllegalArgumentException("line " + (i + 1) + ": expected 'key: value', found '" + lines[i] + "'");
        }
        String key = line.substring(0, colon);
        String rest = colon + 1 < line.length() ? line.substring(colon + 2) : "";
        if (!rest.matches("\\|\\d+")) {
            props.put(key, rest);
            return i;
        }
        int count = Integer.parseInt(rest.substring(1));
        if (i + count >= lines.length) {
            throw new IllegalArgumentException("line " + (i + 1) + ": " + key + " says " + count
                    + " lines follow, but the file ends first");
        }
        StringBuilder v = new StringBuilder();
        for (int k = 1; k <= count; k++) {
            String body = lines[i + k];
            v.append(body.startsWith(BODY_INDENT) ? body.substring(BODY_INDENT.length()) : body.strip());
            if (k < count) {
                v.append('\n');
            }
        }
        props.put(key, v.toString());
        return i + count;
    }

    /** The colon that ends a key: the first outside double quotes followed by a space or the line's end. */
    private static int separator(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }
}
