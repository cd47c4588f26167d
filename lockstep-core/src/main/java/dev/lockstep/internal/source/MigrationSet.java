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
 * @param notRun goose's Go migrations ({@code 00005_backfill.go}), as shown to the user: goose compiles them
 *               into the application, Lockstep cannot run them
 */
public record MigrationSet(Path directory, NamingStyle style, List<ResolvedMigration> versioned,
                           List<ResolvedMigration> repeatable, List<String> ignored, List<String> notRun) {

    public MigrationSet(Path directory, NamingStyle style, List<ResolvedMigration> versioned,
                        List<ResolvedMigration> repeatable) {
        this(directory, style, versioned, repeatable, List.of(), List.of());
    }

    /** The line that tells which files of the directory are not run (ignored names, goose Go files); null if none. */
    public String skippedNotice() {
        String goose = notRun.isEmpty() ? null : notRun.size()
                + (notRun.size() == 1 ? " Go migration is" : " Go migrations are") + " not run: "
                + String.join(", ", notRun) + " (goose builds them into the application; what they do is missing"
                + " from the schema unless it is written as SQL migrations or run by the application)";
        if (ignored.isEmpty()) {
            return goose;
        }
        String files = "ignored " + ignored.size() + (ignored.size() == 1 ? " file" : " files") + " that "
                + (ignored.size() == 1 ? "is" : "are") + " not named as a migration: " + String.join(", ", ignored)
                + " (list them in ignore = [...] in lockstep.toml to skip them silently)";
        return goose == null ? files : files + "; " + goose;
    }

    public Optional<ResolvedMigration> find(MigrationVersion version) {
        return versioned.stream().filter(m -> m.version().equals(version)).findFirst();
    }

    public int size() {
        return versioned.size() + repeatable.size();
    }
}
