package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The versioned migrations of a directory as files, read leniently: two files with one version (two
 * branches each added "the next" migration) are two units here, where {@link MigrationLoader} refuses
 * them. Each unit is its up file and what goes with it (down and verify scripts, or its directory), so
 * that it can be given another version by renaming them all.
 */
public final class MigrationFiles {
    private MigrationFiles() {
    }

    /**
     * One migration on disk.
     *
     * @param versionText the version as the file names write it, e.g. {@code 0007} or {@code 1_2}
     * @param up the up file (for a directory per migration, its up.sql)
     * @param files every file or directory that carries the version in its name
     */
    public record Unit(MigrationVersion version, String versionText, String description, Path up, List<Path> files,
                       NamingStyle style) {

        /** The file name of {@code file} with {@code newVersion} in place of this unit's version. */
        public String renamed(Path file, String newVersion) {
            String name = file.getFileName().toString();
            String prefix = name.startsWith("V") || name.startsWith("U") ? name.substring(0, 1) : "";
            if (!name.startsWith(prefix + versionText)) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot give " + name + " a new version: its "
                        + "name does not start with " + prefix + versionText, "rename it by hand");
            }
            return prefix + newVersion + name.substring(prefix.length() + versionText.length());
        }
    }

    /** The versioned migrations of {@code dir}, by version and then file name; names that are not migrations are skipped. */
    public static List<Unit> scan(Path dir) {
        Map<String, Builder> units = new LinkedHashMap<>();
        for (Path entry : list(dir)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                Optional<FileName> fn = FileName.ofDirectory(name);
                if (fn.isPresent() && Files.isRegularFile(entry.resolve("up.sql"))) {
                    unit(units, fn.get()).up(entry.resolve("up.sql")).files.add(entry);
                }
                continue;
            }
            String asSql = name.endsWith(".verify.sql") ? name.substring(0, name.length() - ".verify.sql".length()) + ".sql"
                    : name;
            Optional<FileName> fn = asSql.endsWith(".sql") ? FileName.ofFile(asSql) : Optional.empty();
            if (fn.isEmpty() || fn.get().role() == FileName.Role.REPEATABLE || fn.get().version() == null) {
                continue;
            }
            Builder b = unit(units, fn.get());
            b.files.add(entry);
            if (fn.get().role() == FileName.Role.UP && asSql.equals(name)) {
                b.up(entry);
            }
        }
        List<Unit> out = new ArrayList<>();
        for (Builder b : units.values()) {
            if (b.up != null) {
                out.add(new Unit(MigrationVersion.parse(b.name.version()), b.name.version(), b.name.readableDescription(),
                        b.up, List.copyOf(b.files), b.name.style()));
            }
        }
        out.sort(java.util.Comparator.comparing(Unit::version).thenComparing(u -> u.up().getFileName().toString()));
        return out;
    }

    private static Builder unit(Map<String, Builder> units, FileName fn) {
        return units.computeIfAbsent(MigrationVersion.parse(fn.version()) + "\u0000" + fn.description(),
                k -> new Builder(fn));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot list " + dir + ": " + e.getMessage(),
                    "check that the migrations directory exists and is readable", e);
        }
    }

    private static final class Builder {
        final FileName name;
        final List<Path> files = new ArrayList<>();
        Path up;

        Builder(FileName name) {
            this.name = name;
        }

        Builder up(Path path) {
            this.up = path;
            return this;
        }
    }
}
