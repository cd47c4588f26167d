package dev.lockstep.cli.commands;

import dev.lockstep.BackupManifest;
import dev.lockstep.Lockstep;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Take a backup (by default a pg_dump custom-format dump) into the backup directory, with a "
                + "manifest beside it.")
public final class BackupCommand extends Subcommand {
    @Option(names = "--list", description = "List the backups instead, newest first")
    boolean list;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        if (list) {
            List<BackupManifest> all = lockstep.backups();
            if (all.isEmpty()) {
                console.println("No backups in " + config.shown(config.path(Setting.BACKUP_DIR)) + ".");
            }
            for (BackupManifest b : all) {
                console.println(String.format("%-48s %10s  %s  %s  version %s", b.file(),
                        b.sha256() == null ? b.providerName() : size(b.size()), b.createdAt(),
                        b.environment() == null ? b.database() : b.environment(),
                        b.migrationVersion() == null ? "none" : b.migrationVersion()));
            }
            console.result(Map.of("backups", all));
            return 0;
        }
        BackupManifest b = lockstep.backup();
        console.println("Backed up " + b.database() + "@" + b.host() + " (migration version "
                + (b.migrationVersion() == null ? "none" : b.migrationVersion()) + ") to "
                + config.shown(config.path(Setting.BACKUP_DIR).resolve(b.file())) + ": " + b.summary() + " in " + b.durationMs()
                + " ms");
        console.result(b);
        return 0;
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
