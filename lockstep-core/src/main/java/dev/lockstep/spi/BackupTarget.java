package dev.lockstep.spi;

/**
 * What a {@link BackupProvider} backs up or restores: where the database is, under which name to file
 * the backup, and what it records. The password is only for connecting; {@link #toString()} hides it.
 *
 * @param name the backup's name, e.g. {@code production-20261123T141500123Z}
 * @param directory where file-based providers write, as a path string
 */
public record BackupTarget(String name, String directory, String environment, String host, int port, String database,
                           String user, String password, String serverVersion, String migrationVersion) {
    @Override
    public String toString() {
        return "BackupTarget[" + name + ", " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
