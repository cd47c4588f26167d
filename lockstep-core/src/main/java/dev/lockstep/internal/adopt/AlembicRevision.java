package dev.lockstep.internal.adopt;

import dev.lockstep.internal.source.ResolvedMigration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Alembic revision a SQL migration file stands for. Alembic's history is one row, the head
 * revision; a file carries its revision in its name ({@code 0003_ae1027a6acf1_add_users.sql}), in the
 * header Alembic writes ({@code Revision ID: ae1027a6acf}), or in the comment of its offline SQL output
 * ({@code -- Running upgrade 1975ea83b712 -> ae1027a6acf}); else its version is the revision.
 */
public final class AlembicRevision {
    private static final Pattern HEADER = Pattern.compile("Revision ID:\\s*([0-9A-Za-z_]+)");
    private static final Pattern RUNNING = Pattern.compile("--\\s*Running upgrade\\s+\\S*\\s*->\\s*([0-9A-Za-z_]+)");

    private AlembicRevision() {
    }

    /** The revision written in the file, or null when it names none. */
    static String written(ResolvedMigration m) {
        String text = m.up().text();
        String found = null;
        for (Pattern p : new Pattern[] {HEADER, RUNNING}) {
            Matcher matcher = p.matcher(text);
            while (matcher.find()) {
                found = matcher.group(1);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Whether the file stands for {@code revision}. */
    static boolean matches(ResolvedMigration m, String revision) {
        String written = written(m);
        if (written != null) {
            return written.equals(revision);
        }
        return m.version().text().equals(revision) || Arrays.asList(baseName(m).split("[_.\\-]")).contains(revision);
    }

    /**
     * The revision to record for a file: the one written in it, else a part of its name that looks like
     * one of Alembic's (twelve hex digits), else its version.
     */
    public static String of(ResolvedMigration m) {
        String written = written(m);
        if (written != null) {
            return written;
        }
        for (String part : baseName(m).split("[_.\\-]")) {
            if (part.matches("[0-9a-f]{12}")) {
                return part;
            }
        }
        return m.version().text();
    }

    private static String baseName(ResolvedMigration m) {
        String name = m.up().name();
        return name.contains("/") ? name.substring(0, name.indexOf('/')) : name.replaceAll("\\.sql$", "");
    }
}
