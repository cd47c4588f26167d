package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.GlobalOptions;
import dev.lockstep.cli.LockstepCommand;
import dev.lockstep.internal.config.ConfigLoader;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the global options, the configuration and the console. */
abstract class Subcommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    LockstepCommand root() {
        return (LockstepCommand) spec.root().userObject();
    }

    Console console() {
        return new Console(root().context(), root().globals());
    }

    /** The configuration from the command line (plus command-specific settings), environment and file. */
    LockstepConfig config(Map<Setting, String> extra) {
        Map<Setting, String> cli = new EnumMap<>(Setting.class);
        cli.putAll(root().globals().settingsView());
        cli.putAll(extra);
        var ctx = root().context();
        return new ConfigLoader(ctx.env(), ctx.workDir(), ctx.clock()).load(cli, root().globals().environment());
    }

    LockstepConfig config() {
        return config(Map.of());
    }
}
