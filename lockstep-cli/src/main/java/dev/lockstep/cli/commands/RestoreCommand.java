package dev.lockstep.cli.commands;

import dev.lockstep.BackupManifest;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup taken by 'lockstep backup': checks it first, asks, restores, then checks the "
                + "restored migration version.")
public final class RestoreCommand extends Subcommand {
    @Parameters(paramLabel = "FILE", description = "The dump (or its .manifest.json)")
    Path file;

    @Option(names = "--to-new", paramLabel = "DATABASE", description = "Restore into a new database instead of "
            + "replacing the target's contents")
    String toNew;

    @Override
    public Integer call() throws IOException {
        Console console = console();
        var config = config();
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        BackupManifest m = lockstep.checkBackup(file);
        console.notice("Backup " + m.file() + ": " + m.database() + "@" + m.host() + ", taken " + m.createdAt()
                + ", migration version " + (m.migrationVersion() == null ? "none" : m.migrationVersion())
                + (m.sha256() != null ? ", checksum verified." : ", " + m.summary() + "."));
        if (toNew == null) {
            confirmReplace(config);
        }
        String version = lockstep.restore(file, toNew);
        console.println("Restored " + m.file() + (toNew == null ? "" : " into new database " + toNew)
                + "; the database is at migration version " + (version == null ? "none" : version) + ".");
        console.result(Map.of("restored", m.file(), "database", toNew == null ? m.database() : toNew,
                "migrationVersion", version == null ? "" : version));
        return 0;
    }

    /** Replacing a database's contents always asks: the typed environment name when protected, else yes/no. */
    private void confirmReplace(dev.lockstep.LockstepConfig config) throws IOException {
        if (config.protectedEnvironment()) {
            confirmIfProtected(config, "replace its contents with the backup");
            return;
        }
        if (root().globals().yes()) {
            return;
        }
        var ctx = root().context();
        if (!ctx.terminal()) {
            throw new LockstepException(ErrorCode.BLOCKED, "restore replaces the target's contents and needs "
                    + "confirmation; there is no terminal to ask on", "pass --yes, or --to-new <database>");
        }
        ctx.err().print("Replace the contents of the target database with this backup? Type yes: ");
        ctx.err().flush();
        String answer = ctx.in().readLine();
        if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
            throw new LockstepException(ErrorCode.BLOCKED, "not confirmed; nothing was restored", null);
        }
    }
}
