package dev.lockstep.internal.source;

import dev.lockstep.LockstepConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the migrations directory on another thread while the caller opens its database connection:
 * both take a noticeable part of a short command's time, and neither needs the other.
 */
public final class FilesInBackground {
    private final CompletableFuture<MigrationSet> future;

    private FilesInBackground(CompletableFuture<MigrationSet> future) {
        this.future = future;
    }

    public static FilesInBackground start(LockstepConfig config) {
        return new FilesInBackground(CompletableFuture.supplyAsync(
                () -> MigrationSources.load(config)));
    }

    /**
     * @param first read the files before returning, when what the caller does next may take long (starting
     *              the embedded server takes seconds): a wrong directory or a bad file is then reported
     *              before it, and nothing is started for a command that cannot run
     */
    public static FilesInBackground start(LockstepConfig config, boolean first) {
        return first ? of(MigrationSources.load(config)) : start(config);
    }

    /** Files already loaded. */
    public static FilesInBackground of(MigrationSet files) {
        return new FilesInBackground(CompletableFuture.completedFuture(files));
    }

    /** The loaded files; rethrows the loader's own error (a LockstepException) as it was. */
    public MigrationSet get() {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** When opening the connection failed: a problem with the files is reported first, as it is found first. */
    public RuntimeException preferFileError(RuntimeException connectionError) {
        try {
            get();
        } catch (RuntimeException fileError) {
            return fileError;
        }
        return connectionError;
    }
}
