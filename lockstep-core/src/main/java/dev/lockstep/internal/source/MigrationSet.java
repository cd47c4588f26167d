package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The migrations of one directory: versioned ones sorted by version, repeatable ones by description.
 *
 * @param style null when the directory holds no migrations
 * @param ignored {@code .sql} files (and directories) whose names are not migration names, as shown to the user
 */
public record MigrationSet(Path directory, NamingStyle style, List<ResolvedMigration> versioned,
                           List<ResolvedMigration> repeatable, List<String> ignored) {

    public MigrationSet(Path directory, NamingStyle style, List<ResolvedMigration> versioned,
                        List<ResolvedMigration> repeatable) {
        this(directory, style, versioned, repeatable, List.of());
    }

    /** The line that tells which files were ignored; null when none were. */
    public String ignoredNotice() {
        if (ignored.isEmpty()) {
            return null;
        }
        return "ignored " + ignored.size() + (ignored.size() == 1 ? " file" : " files") + " that "
                + (ignored.size() == 1 ? "is" : "are") + " not named as a migration: " + String.join(", ", ignored)
                + " (list them in ignore = [...] in lockstep.toml to skip them silently)";
    }

    public Optional<ResolvedMigration> find(MigrationVersion version) {
        return versioned.stream().filter(m -> m.version().equals(version)).findFirst();
    }

    public int size() {
        return versioned.size() + repeatable.size();
    }
}
