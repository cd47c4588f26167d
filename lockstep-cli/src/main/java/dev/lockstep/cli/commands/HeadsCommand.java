package dev.lockstep.cli.commands;

import dev.lockstep.HeadsResult;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "heads", mixinStandardHelpOptions = true,
        description = "Find migrations added on parallel branches: two files with one version, a file below the newest "
                + "applied version, a migration written without another branch's that now runs before it (git). "
                + "Exit 5 when any is unresolved.")
public final class HeadsCommand extends Subcommand {
    @Override
    public Integer call() {
        Console console = console();
        HeadsResult r = lockstep(config(), new NoticePrinter(console)).heads();
        console.println("Migrations:  " + r.directory() + (r.git() ? " (with git history)" : " (no git history: files "
                + "and history only)"));
        console.println("Applied:     " + (r.newestApplied() == null ? "none" : "up to " + r.newestApplied()));
        for (String order : r.recorded()) {
            console.println("Recorded:    " + order);
        }
        console.println("");
        if (r.resolved()) {
            console.println("One head: the migrations form a single line.");
        } else {
            for (HeadsResult.Conflict c : r.conflicts()) {
                console.println("  " + c.kind() + ": " + c.message());
            }
            console.println("");
            console.println(r.conflicts().size() + " unresolved. Check that these migrations work in the order they "
                    + "will run, then run 'lockstep merge' (see 'lockstep merge --dry-run').");
        }
        console.result(r);
        return r.resolved() ? 0 : ErrorCode.HEADS.exitCode();
    }
}
