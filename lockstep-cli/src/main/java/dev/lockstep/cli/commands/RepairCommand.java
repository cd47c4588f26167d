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
        console.println("  failed rows removed:   " + count(r.removedFailures(), r.removedFrom()));
        console.println("  checksums re-recorded: " + count(r.realigned().size(), r.realigned()));
        for (String w : r.warnings()) {
            console.notice("warning: " + w);
        }
        console.result(r);
        return 0;
    }

    /** {@code none}, or {@code 2 (migrations 5, 7)}: a count is never mistaken for a version. */
    static String count(int n, java.util.List<String> of) {
        if (n == 0) {
            return "none";
        }
        return n + (of.isEmpty() ? "" : " (migration" + (of.size() == 1 ? " " : "s ") + String.join(", ", of) + ")");
    }
}
