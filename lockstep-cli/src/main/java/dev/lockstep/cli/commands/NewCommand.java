package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create the next migration (up and down files) in the directory's naming style.")
public final class NewCommand extends Subcommand {
    @Parameters(paramLabel = "NAME", description = "What the migration does, e.g. add_users")
    String name;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        List<Path> files = Lockstep.create(config).newMigration(name);
        List<String> shown = files.stream().map(config::shown).toList();
        shown.forEach(f -> console.println("created " + f));
        console.result(Map.of("files", shown));
        return 0;
    }
}
