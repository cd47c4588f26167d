package dev.lockstep.internal.config;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The directories of the process's PATH, where a program such as pg_dump is looked for. */
public final class SearchPath {
    private SearchPath() {
    }

    public static List<Path> directories() {
        String path = System.getenv("PATH");
        List<Path> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        for (String dir : path.split(File.pathSeparator)) {
            try {
                if (!dir.isBlank()) {
                    out.add(Path.of(dir));
                }
            } catch (InvalidPathException ignored) {
                // an entry that is no path cannot hold pg_dump either
            }
        }
        return out;
    }
}
