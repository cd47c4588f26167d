package dev.lockstep.cli.commands;

import dev.lockstep.BackupManifest;
import dev.lockstep.Lockstep;
import dev.lockstep.RestoreMismatchException;
import dev.lockstep.RestoreResult;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup taken by 'lockstep backup': checks it first, asks, restores it exactly "
                + "(into a new database that takes the target's place), then compares the result with the backup.")
public final class RestoreCommand extends Subcommand {
    private static final int SHOWN_DIFFERENCES = 50;

    @Parameters(paramLabel = "FILE", description = "The dump (or its .manifest.json)")
    Path file;

    @Option(names = "--to-new", paramLabel = "DATABASE", description = "Restore into a new database instead of "
            + "replacing the target")
    String toNew;

    @Override
    public Integer call() throws IOException {
        Console console = console();
        var config = config();
        Lockstep lockstep = Lockstep.create(config).withListener(new NoticePrinter(console));
        BackupManifest m = lockstep.checkBackup(file);
        console.notice("Backup " + m.file() + ": " + m.database() + "@" + m.host() + ", taken " + m.createdAt()
                + ", migration version " + (m.migrationVersion() == null ? "none" : m.migrationVersion())
                + (m.sha256() != null ? ", " + m.summary() + " (the SHA-256 is checked as it is restored)."
                : ", " + m.summary() + "."));
        if (toNew == null) {
            confirmReplace(config);
        }
        RestoreResult r;
        try {
            r = lockstep.restore(file, toNew);
        } catch (RestoreMismatchException e) {
            render(console, e.result());
            console.failure(e, e.result());
            return e.exitCode();
        }
        render(console, r);
        console.result(r);
        return 0;
    }

    private static void render(Console console, RestoreResult r) {
        console.println("Restored " + r.file() + (r.newDatabase() ? " into new database " + r.database() : "")
                + "; the database is at migration version " + (r.migrationVersion() == null ? "none"
                : r.migrationVersion()) + ".");
        if (Boolean.TRUE.equals(r.identical())) {
            console.println("It is identical to the backup of " + r.backupTakenAt() + ": schema, privileges and row "
                    + "counts (compared in " + r.checkMs() + " ms).");
        } else if (!r.differences().isEmpty()) {
            console.println("It DIFFERS from the backup of " + r.backupTakenAt() + " in " + r.differences().size()
                    + " way(s):");
            r.differences().stream().limit(SHOWN_DIFFERENCES).forEach(d -> console.println("  - " + d));
            if (r.differences().size() > SHOWN_DIFFERENCES) {
                console.println("  ... and " + (r.differences().size() - SHOWN_DIFFERENCES) + " more (--output json "
                        + "lists them all)");
            }
        }
        r.notes().forEach(n -> console.println("Note: " + n + "."));
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
