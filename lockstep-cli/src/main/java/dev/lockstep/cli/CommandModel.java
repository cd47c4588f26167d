package dev.lockstep.cli;

import picocli.CommandLine;

/** The whole command tree with every subcommand and setting option, for help that covers them all. */
public final class CommandModel {
    private CommandModel() {
    }

    /** Every visible subcommand (hidden ones, whose names start with {@code __}, left out) and their options. */
    public static CommandLine full(CliContext context) {
        LockstepCommand root = new LockstepCommand(context);
        CommandLine cl = new CommandLine(root);
        LockstepCommand.subcommands().forEach((name, command) -> {
            if (!name.startsWith("__")) {
                cl.addSubcommand(name, command.get());
            }
        });
        SettingOptions.addTo(cl, root.globals);
        return cl;
    }
}
