package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.RepairResult;
import dev.lockstep.cli.Console;
import picocli.CommandLine.Command;

@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "After a fix: remove failed history rows and accept the current checksums of applied files.")
public final class RepairCommand extends Subcommand {
    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        confirmIfProtected(config, "repair the history");
        RepairResult r = Lockstep.create(config).withListener(new NoticePrinter(console)).repair();
        console.println("Repaired the history of " + r.database() + ":");
        console.println("  failed rows removed:   " + r.removedFailures());
        console.println("  checksums re-recorded: " + (r.realigned().isEmpty() ? "none" : String.join(", ", r.realigned())));
        for (String w : r.warnings()) {
            console.notice("warning: " + w);
        }
        console.result(r);
        return 0;
    }
}
