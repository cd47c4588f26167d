package dev.lockstep.cli.commands;

import dev.lockstep.Setting;
import dev.lockstep.SnapshotResult;
import dev.lockstep.cli.Console;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Write the schema as read from the catalogs: stable, one block per object, for code review "
                + "and for drift checks.")
public final class SnapshotCommand extends Subcommand {
    @Option(names = "--out", paramLabel = "FILE",
            description = "Write it to FILE (default: snapshot-file when set, else standard output; - for standard output)")
    String out;

    /** The command with its option set directly, for a command line parsed without picocli. */
    public static SnapshotCommand direct(dev.lockstep.cli.LockstepCommand root, String out) {
        SnapshotCommand c = new SnapshotCommand();
        c.out = out;
        return c.runningOn(root);
    }

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        Path file = out != null ? (out.equals("-") ? null : Path.of(out)) : config.get(Setting.SNAPSHOT_FILE);
        SnapshotResult r = lockstep(config, new NoticePrinter(console)).snapshot(file);
        if (r.file() == null) {
            if (console.json()) {
                console.result(r);
            } else {
                root().context().out().print(r.text());
            }
            return 0;
        }
        console.println("Wrote the schema of " + r.database() + " to " + r.file() + " (" + r.objects() + " objects).");
        console.result(r);
        return 0;
    }
}
