package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The migrations of one directory: versioned ones sorted by version, repeatable ones by description.
 *
 * @param style null when the directory holds no migrations
 */
public record MigrationSet(Path directory, NamingStyle style, List<ResolvedMigration> versioned,
                           List<ResolvedMigration> repeatable) {

    public Optional<ResolvedMigration> find(MigrationVersion version) {
        return versioned.stream().filter(m -> m.version().equals(version)).findFirst();
    }

    public int size() {
        return versioned.size() + repeatable.size();
    }
}
