package dev.lockstep.spi;

import dev.lockstep.BackupManifest;

/**
 * Takes, and where it can, restores backups; chosen by the {@code backup-provider} setting. Built in:
 * {@code pg_dump} (a custom-format dump and manifest, the default), {@code command} (runs
 * {@code backup-command}, e.g. a managed snapshot) and {@code template} (a copy of the database made with
 * CREATE DATABASE ... TEMPLATE, for local and embedded databases). Other providers are found with
 * {@link java.util.ServiceLoader} by their {@link #name()}.
 *
 * <p>Lockstep writes the manifest a provider returns into the backup directory, names it after
 * {@link BackupTarget#name()}, lists it with the others and checks its environment before a restore.
 */
public interface BackupProvider {
    String name();

    /**
     * Takes the backup. The manifest's {@code file} must be the target's name (or the file written under
     * {@link BackupTarget#directory()}); {@code location} says where a backup that is not a file lives.
     */
    BackupManifest backup(BackupTarget target) throws Exception;

    /**
     * Restores the backup the manifest describes into the target's database, or into a new database
     * {@code toNew} when not null. Providers that cannot restore say so.
     */
    default void restore(BackupTarget target, BackupManifest manifest, String toNew) throws Exception {
        throw new UnsupportedOperationException("the " + name() + " backup provider cannot restore; restore "
                + manifest.location() + " with the tools that made it");
    }

    /** Deletes an old backup when backup-keep retires it; providers that cannot leave it in place. */
    default boolean delete(BackupTarget target, BackupManifest manifest) throws Exception {
        return false;
    }
}
