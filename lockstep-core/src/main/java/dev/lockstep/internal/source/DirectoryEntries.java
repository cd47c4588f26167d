package dev.lockstep.internal.source;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.LockstepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a migrations directory, read on every core: each {@code .sql} file's script with what its
 * name says (the parsed name, the version, and the sections of a numbered file), and the scripts of each
 * subdirectory. {@link MigrationLoader} then resolves them in name order; the work per file is done here,
 * so that what is left to do one entry at a time is putting them in order.
 */
final class DirectoryEntries {
    /** Prisma's directory per migration holds migration.sql; up.sql is the usual name. */
    static final String PRISMA_UP = "migration.sql";
    static final String VERIFY_SUFFIX = ".verify.sql";

    private DirectoryEntries() {
    }

    /**
     * One entry of the directory, read: a file's script, or a subdirectory's scripts by path. For a file
     * named as a migration, also its name read, its version (null when it has none, or one the loader is
     * to refuse in order) and, for a numbered file's up script, its sections; else these are null.
     */
    record Entry(boolean directory, Map<Path, Script> scripts, FileName fileName, MigrationVersion version,
                 Sections.Split sections) {

        private static Entry file(Path path, Script script, String name) {
            FileName fileName = name.endsWith(VERIFY_SUFFIX) ? null : FileName.ofFile(name).orElse(null);
            MigrationVersion version = null;
            Sections.Split sections = null;
            if (fileName != null && fileName.version() != null) {
                try {
                    version = MigrationVersion.parse(fileName.version());
                } catch (IllegalArgumentException e) {
                    // left to the loader, which reports the directory's errors in name order
                }
            }
            if (fileName != null && fileName.role() == FileName.Role.UP && fileName.style() == NamingStyle.NUMBERED) {
                sections = Sections.of(script);
            }
            return new Entry(false, Map.of(path, script), fileName, version, sections);
        }
    }

    /**
     * Reads every .sql file of the directory, and up.sql/down.sql of its subdirectories, on every core, in
     * the order of {@code entries}. A name ending in .sql is read as a file without asking first what it is
     * (a stat per file); only an entry that is not a readable .sql file is asked whether it is a directory.
     *
     * @param dirShown the directory as messages show it: a file's shown path is this with its name (not each
     *                 file's path made absolute, normalized and relativized again)
     */
    static List<Entry> read(List<Path> entries, Path dirShown) {
        return new ParallelMap<Path, Entry>() {
            @Override
            protected Entry apply(Path entry) {
                return DirectoryEntries.read(entry, dirShown);
            }
        }.over(entries);
    }

    private static Entry read(Path entry, Path dirShown) {
        String name = entry.getFileName().toString();
        if (name.endsWith(".sql")) {
            try {
                return Entry.file(entry, ScriptFile.read(entry, dirShown.resolve(name).toString(), name), name);
            } catch (LockstepException e) {
                if (!Files.isDirectory(entry)) {
                    throw e;
                }
            }
        } else if (!Files.isDirectory(entry)) {
            return new Entry(false, Map.of(), null, null, null);
        }
        Map<Path, Script> scripts = new HashMap<>();
        for (String inside : List.of("up.sql", PRISMA_UP, "down.sql", "verify.sql")) {
            Path file = entry.resolve(inside);
            if (Files.isRegularFile(file)) {
                // a file in a subdirectory is named by both, with '/'
                scripts.put(file, ScriptFile.read(file, dirShown.resolve(name).resolve(inside).toString(),
                        name + "/" + inside));
            }
        }
        return new Entry(true, scripts, null, null, null);
    }
}
