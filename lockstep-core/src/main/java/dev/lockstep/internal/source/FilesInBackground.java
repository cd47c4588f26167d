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
