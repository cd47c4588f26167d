package dev.lockstep.internal.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Looks a password up in the libpq password file ({@code PGPASSFILE}, else {@code ~/.pgpass}), as
 * psql would: {@code host:port:database:user:password}, {@code *} matches anything, {@code \:} and
 * {@code \\} are escapes, and a file readable by group or others is ignored (with a warning, see
 * {@link #ignoredWarning}).
 */
public final class PgPass {
    private PgPass() {
    }

    public static Optional<String> lookup(Map<String, String> env, String host, int port, String database, String user) {
        Path file = file(env);
        if (file == null || !Files.isRegularFile(file) || !privateEnough(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() == 5 && matchesHost(f.get(0), host) && matches(f.get(1), Integer.toString(port))
                    && matches(f.get(2), database) && matches(f.get(3), user)) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    /**
     * When a password would be looked up but the password file is readable by group or others: the
     * warning psql gives. The file is ignored, as psql ignores it.
     */
    public static Optional<String> ignoredWarning(Map<String, String> env) {
        Path file = file(env);
        if (file == null || !Files.isRegularFile(file) || privateEnough(file)) {
            return Optional.empty();
        }
        String mode;
        try {
            mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            mode = "unknown";
        }
        return Optional.of("warning: password file " + file + " has group or world access (" + mode + "); it is "
                + "ignored, as psql ignores it. Permissions should be u=rw (0600) or less: chmod 600 " + file);
    }

    private static Path file(Map<String, String> env) {
        String explicit = env.get("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = env.get("HOME");
        return home == null ? null : Path.of(home, ".pgpass");
    }

    private static boolean privateEnough(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
        } catch (UnsupportedOperationException | IOException e) {
            return true;
        }
    }

    /** A Unix-socket connection also matches {@code localhost}, as libpq's does. */
    private static boolean matchesHost(String pattern, String host) {
        return matches(pattern, host) || host.startsWith("/") && pattern.equals("localhost");
    }

    private static boolean matches(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.equals("localhost") && ("127.0.0.1".equals(value) || "::1".equals(value))) {
            return true;
        }
        return pattern.equals(value);
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
