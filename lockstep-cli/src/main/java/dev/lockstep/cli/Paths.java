package dev.lockstep.cli;

import dev.lockstep.LockstepConfig;
import java.nio.file.Path;

/** Paths as a user wants to read them: relative to the working directory when inside it. */
public final class Paths {
    private Paths() {
    }

    public static String shown(LockstepConfig config, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path work = config.workDir().toAbsolutePath().normalize();
        return abs.startsWith(work) ? work.relativize(abs).toString() : abs.toString();
    }
}
