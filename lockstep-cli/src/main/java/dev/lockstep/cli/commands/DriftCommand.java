package dev.lockstep.cli.commands;

import dev.lockstep.DriftResult;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.DiffText;
import dev.lockstep.error.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare the live schema with the schema its applied migrations produce (built on a scratch "
                + "database) and with the snapshot file. Exit 5 on any difference.")
public final class DriftCommand extends Subcommand {
    @Override
    public Integer call() {
        Console console = console();
        DriftResult r = lockstep(config(), new NoticePrinter(console)).drift();
        console.println("Database:         " + r.database() + (r.version() == null ? ", no migration applied"
                : ", applied up to " + r.version()));
        console.println("Built on:         " + r.scratch() + " (dropped)");
        console.println("");
        console.println("Against the migrations: " + DiffText.count(r.fromMigrations().size()));
        DiffText.render(console, r.fromMigrations(), "  ");
        if (r.fromSnapshotFile() != null) {
            console.println("Against " + r.snapshotFile() + ": " + DiffText.count(r.fromSnapshotFile().size()));
            DiffText.render(console, r.fromSnapshotFile(), "  ");
        }
        for (String note : r.notes()) {
            console.println("note: " + note);
        }
        if (r.drifted()) {
            console.println("");
            console.println("missing: expected but not in the database; extra: in the database only.");
            boolean staleFile = r.fromSnapshotFile() != null && !r.fromSnapshotFile().isEmpty();
            console.println("Drift: " + DiffText.count(r.differences()) + ". Put the changes into a migration (or "
                    + "undo them)" + (staleFile ? "; a stale snapshot file is rewritten by 'lockstep snapshot --out "
                    + r.snapshotFile() + "'." : "."));
        } else {
            console.println("No drift.");
        }
        console.result(r);
        return r.drifted() ? ErrorCode.DRIFT.exitCode() : 0;
    }
}
