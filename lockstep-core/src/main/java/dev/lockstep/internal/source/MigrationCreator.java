package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates the next migration, up and down, in the style the directory already uses: the next number
 * with the same width, or a UTC timestamp when the directory uses timestamps. An empty directory
 * gets Flyway-style {@code V1__name.sql} / {@code U1__name.sql}.
 */
public final class MigrationCreator {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    /** Returns the files created, up first. */
    public List<Path> create(Path dir, String name, Clock clock) {
        String slug = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new LockstepException(ErrorCode.USAGE, "'" + name + "' has no letters or digits to name a migration",
                    "e.g. lockstep new add_users");
        }
        MigrationSet set = Files.isDirectory(dir) ? new MigrationLoader().load(dir)
                : new MigrationSet(dir, null, List.of(), List.of());
        NamingStyle style = set.style() == null ? NamingStyle.FLYWAY : set.style();
        String version = nextVersion(set, clock);
        List<Path> files = new ArrayList<>();
        switch (style) {
            case FLYWAY -> {
                files.add(dir.resolve("V" + version + "__" + slug + ".sql"));
                files.add(dir.resolve("U" + version + "__" + slug + ".sql"));
            }
            case PAIRS -> {
                files.add(dir.resolve(version + "_" + slug + ".up.sql"));
                files.add(dir.resolve(version + "_" + slug + ".down.sql"));
            }
            case DIRECTORY -> {
                files.add(dir.resolve(version + "_" + slug).resolve("up.sql"));
                files.add(dir.resolve(version + "_" + slug).resolve("down.sql"));
            }
            case NUMBERED -> files.add(dir.resolve(version + "_" + slug + ".sql"));
        }
        try {
            for (Path f : files) {
                Files.createDirectories(f.getParent());
                String body = f.getFileName().toString().startsWith("U") || f.toString().contains("down")
                        ? "-- Undo " + slug.replace('_', ' ') + ".\n"
                        : "-- " + slug.replace('_', ' ') + "\n";
                if (style == NamingStyle.NUMBERED) {
                    body = "-- migrate:up\n\n\n-- migrate:down\n\n";
                }
                Files.writeString(f, body, java.nio.file.StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot create " + files.get(0) + ": " + e.getMessage(),
                    "check that " + dir + " is writable", e);
        }
        return List.copyOf(files);
    }

    private static String nextVersion(MigrationSet set, Clock clock) {
        if (set.versioned().isEmpty()) {
            return set.style() == null || set.style() == NamingStyle.FLYWAY ? "1" : "0001";
        }
        MigrationVersion last = set.versioned().get(set.versioned().size() - 1).version();
        String text = last.text();
        if (text.matches("\\d{12,}")) {
            String now = TIMESTAMP.format(clock.instant());
            return now.compareTo(text) > 0 ? now : new java.math.BigInteger(text).add(java.math.BigInteger.ONE).toString();
        }
        String head = text.contains(".") ? text.substring(0, text.indexOf('.')) : text;
        String next = new java.math.BigInteger(head).add(java.math.BigInteger.ONE).toString();
        int width = head.length();
        return next.length() >= width ? next : "0".repeat(width - next.length()) + next;
    }
}
