package dev.lockstep.cli.commands;

import dev.lockstep.MergeResult;
import dev.lockstep.cli.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Resolve migrations added on parallel branches: renumber the files not applied yet above the "
                + "newest version, or record their order in lockstep.order. Never renames an applied file.")
public final class MergeCommand extends Subcommand {
    @Option(names = "--dry-run", description = "Say what would be renamed and recorded; change nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        Console console = console();
        MergeResult r = lockstep(config(), new NoticePrinter(console)).merge(dryRun);
        for (String rename : r.renamed()) {
            console.println((dryRun ? "would rename " : "renamed ") + r.directory() + "/" + rename.replace(" -> ",
                    " -> " + r.directory() + "/"));
        }
        for (String order : r.ordered()) {
            console.println((dryRun ? "would record " : "recorded ") + order + " in " + r.directory() + "/lockstep.order");
        }
        if (!r.changed()) {
            console.println("Nothing to merge: the migrations form a single line.");
        } else {
            console.println(dryRun ? "Dry run: nothing was changed." : "Done: " + r.renamed().size() + " file(s) "
                    + "renamed, " + r.ordered().size() + " order(s) recorded. Review and commit the change.");
        }
        console.result(r);
        return 0;
    }
}
