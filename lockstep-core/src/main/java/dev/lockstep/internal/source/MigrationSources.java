package dev.lockstep.internal.source;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationVersion;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a configuration's migrations are: its {@code dir}, or its {@code locations}: directories and
 * {@code classpath:} folders (on disk or inside jars), merged by version.
 */
public final class MigrationSources {
    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private MigrationSources() {
    }

    public static MigrationSet load(LockstepConfig config) {
        return load(config, new MigrationLoader(config.workDir(), config.get(Setting.IGNORE)));
    }

    /**
     * {@link #load(LockstepConfig)} for linting only: the same migrations and errors, without the checksums
     * (a SHA-256 of every file, and the security providers' start-up, which only comparing with a history
     * needs).
     */
    public static MigrationSet loadForLint(LockstepConfig config) {
        return load(config, MigrationLoader.forLint(config.workDir(), config.get(Setting.IGNORE)));
    }

    private static MigrationSet load(LockstepConfig config, MigrationLoader loader) {
        List<String> locations = config.get(Setting.LOCATIONS);
        if (locations == null || locations.isEmpty()) {
            return loader.load(config.dir());
        }
        List<MigrationSet> sets = new ArrayList<>();
        for (String location : locations) {
            if (location.startsWith(CLASSPATH)) {
                sets.addAll(fromClassPath(loader, location.substring(CLASSPATH.length())));
            } else {
                String path = location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
                sets.add(loader.load(config.workDir().resolve(path)));
            }
        }
        return merge(sets);
    }

    /** Every folder of that name on the class path: in a directory of classes or inside a jar. */
    private static List<MigrationSet> fromClassPath(MigrationLoader loader, String name) {
        String folder = name.startsWith("/") ? name.substring(1) : name;
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : MigrationSources.class.getClassLoader();
        List<URL> urls;
        try {
            urls = Collections.list(cl.getResources(folder));
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot read classpath:" + folder + ": "
                    + e.getMessage(), "check the class path", e);
        }
        if (urls.isEmpty()) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "classpath:" + folder + " is not on the class path",
                    "put the migrations in src/main/resources/" + folder + ", or fix the location");
        }
        List<MigrationSet> sets = new ArrayList<>();
        for (URL url : urls) {
            sets.add(load(loader, url));
        }
        return sets;
    }

    private static MigrationSet load(MigrationLoader loader, URL url) {
        try {
            URI uri = url.toURI();
            if ("file".equals(uri.getScheme())) {
                return loader.load(Path.of(uri));
            }
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            try {
                return loader.load(fs.provider().getPath(uri));
            } finally {
                if (opened) {
                    fs.close();
                }
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            if (e instanceof LockstepException le) {
                throw le;
            }
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot read migrations from " + url + ": "
                    + e.getMessage(), "check the class path", e);
        }
    }

    /** Several locations as one set; a version found in two of them is an error naming both files. */
    static MigrationSet merge(List<MigrationSet> sets) {
        if (sets.size() == 1) {
            return sets.get(0);
        }
        Map<MigrationVersion, ResolvedMigration> versioned = new TreeMap<>();
        Map<String, ResolvedMigration> repeatable = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        NamingStyle style = null;
        for (MigrationSet set : sets) {
            style = style != null ? style : set.style();
            ignored.addAll(set.ignored());
            notRun.addAll(set.notRun());
            for (ResolvedMigration m : set.versioned()) {
                ResolvedMigration other = versioned.putIfAbsent(m.version(), m);
                if (other != null) {
                    throw new LockstepException(ErrorCode.MIGRATION_FILES, "duplicate version " + m.version() + ": "
                            + other.script() + " and " + m.script(), "give one of them the next free version");
                }
            }
            for (ResolvedMigration m : set.repeatable()) {
                ResolvedMigration other = repeatable.putIfAbsent(m.description(), m);
                if (other != null) {
                    throw new LockstepException(ErrorCode.MIGRATION_FILES, "two repeatable migrations named '"
                            + m.description() + "': " + other.script() + " and " + m.script(), "rename one of them");
                }
            }
        }
        return new MigrationSet(sets.get(0).directory(), style, List.copyOf(versioned.values()),
                List.copyOf(repeatable.values()), List.copyOf(ignored), List.copyOf(notRun));
    }
}
