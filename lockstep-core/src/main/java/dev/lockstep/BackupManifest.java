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
 * @param provider which {@link dev.lockstep.spi.BackupProvider} took it ({@code pg_dump} when absent)
 * @param location where a provider that writes no file put the backup (a snapshot id, a database name)
 * @param catalog the database's catalog at the time of the backup, which a restore is compared with; null in
 *                manifests written before Lockstep recorded it
 */
public record BackupManifest(String file, long size, String sha256, String database, String host,
                             String serverVersion, String pgDumpVersion, String environment, String migrationVersion,
                             String createdAt, long durationMs, String provider, String location,
                             CatalogFingerprint catalog) {

    /** A manifest without a catalog fingerprint (a provider fills in the rest; Lockstep adds the fingerprint). */
    public BackupManifest(String file, long size, String sha256, String database, String host, String serverVersion,
                          String pgDumpVersion, String environment, String migrationVersion, String createdAt,
                          long durationMs, String provider, String location) {
        this(file, size, sha256, database, host, serverVersion, pgDumpVersion, environment, migrationVersion,
                createdAt, durationMs, provider, location, null);
    }

    public BackupManifest withCatalog(CatalogFingerprint fingerprint) {
        return new BackupManifest(file, size, sha256, database, host, serverVersion, pgDumpVersion, environment,
                migrationVersion, createdAt, durationMs, provider, location, fingerprint);
    }

    /** The provider that took it; manifests written before providers existed are pg_dump's. */
    public String providerName() {
        return provider == null ? "pg_dump" : provider;
    }

    /** Where the backup is, for people: the dump's size and checksum, or the provider's location. */
    public String summary() {
        if (sha256 != null) {
            String shown = size < 1024 * 1024 ? (size / 1024) + " KiB"
                    : String.format(java.util.Locale.ROOT, "%.1f MiB", size / 1048576.0);
            return shown + ", sha256 " + sha256.substring(0, Math.min(12, sha256.length()));
        }
        return providerName() + " backup" + (location == null ? "" : " at " + location);
    }
}
