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
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LockstepException(ErrorCode.USAGE, dir + " is a file, not a directory",
                    "point --dir at the directory of your migrations");
        }
        MigrationSet set = Files.isDirectory(dir) ? new MigrationLoader().load(dir)
                : new MigrationSet(dir, null, List.of(), List.of());
        NamingStyle style = set.style() == null ? NamingStyle.FLYWAY : set.style();
        String version = nextVersion(set, clock);
        String what = slug.replace('_', ' ');
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
                Path folder = dir.resolve((diesel(set) ? dashed(version) : version) + "_" + slug);
                files.add(folder.resolve("up.sql"));
                files.add(folder.resolve("down.sql"));
            }
            case NUMBERED -> files.add(dir.resolve(version + "_" + slug + ".sql"));
        }
        try {
            if (style == NamingStyle.NUMBERED) {
                boolean goose = goose(dir, set);
                write(files.get(0), (goose ? "-- +goose Up\n" : "-- migrate:up\n") + upTemplate(what)
                        + (goose ? "\n-- +goose Down\n" : "\n-- migrate:down\n")
                        + downTemplate(what, version, "remove this section"));
            } else {
                write(files.get(0), upTemplate(what));
                write(files.get(1), downTemplate(what, version, "delete this file"));
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot create " + files.get(0) + ": " + e.getMessage(),
                    "check that " + dir + " is writable", e);
        }
        return List.copyOf(files);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    /** Comments only: a script left like this is refused until it is written. */
    static String upTemplate(String what) {
        return "-- " + what + "\n-- Write its statements here. A script without any is refused, unless a leading comment\n"
                + "-- says why it is meant to be empty: -- lockstep:empty <reason>\n";
    }

    static String downTemplate(String what, String version, String irreversible) {
        return "-- Undo " + what + ": write the statements that reverse the up script.\n"
                + "-- Rollback refuses a down script without any; " + irreversible + " to make " + version
                + " irreversible.\n";
    }

    /** Whether the directory's newest migration is a goose file (its sections marked -- +goose Up / Down). */
    private static boolean goose(Path dir, MigrationSet set) {
        if (set.versioned().isEmpty()) {
            return false;
        }
        try {
            String last = Files.readString(dir.resolve(set.versioned().get(set.versioned().size() - 1).up().name()));
            return last.toLowerCase(Locale.ROOT).replace(" ", "").contains("--+gooseup");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the directory uses diesel's folder names, {@code 2026-01-10-120000_name}. */
    private static boolean diesel(MigrationSet set) {
        if (set.versioned().isEmpty()) {
            return false;
        }
        Path up = Path.of(set.versioned().get(set.versioned().size() - 1).up().path());
        return up.getParent() != null && up.getParent().getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}-\\d{6}_.*");
    }

    /** {@code 20260110120000} as diesel writes it: {@code 2026-01-10-120000}. */
    private static String dashed(String version) {
        return version.length() != 14 ? version : version.substring(0, 4) + "-" + version.substring(4, 6) + "-"
                + version.substring(6, 8) + "-" + version.substring(8);
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
