package dev.lockstep;

/**
 * What a backup is, written as JSON beside the dump ({@code <dump>.manifest.json}) and checked before
 * a restore touches anything.
 *
 * @param file the dump's file name (in the same directory as the manifest)
 * @param sha256 of the dump file's bytes
 * @param environment the {@code --env} it was taken from, or null
 * @param migrationVersion the highest applied migration version at the time, or null
 * @param createdAt ISO-8601 UTC
 */
public record BackupManifest(String file, long size, String sha256, String database, String host,
                             String serverVersion, String pgDumpVersion, String environment, String migrationVersion,
                             String createdAt, long durationMs) {
}
