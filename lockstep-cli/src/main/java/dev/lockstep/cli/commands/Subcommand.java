package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.GlobalOptions;
import dev.lockstep.cli.LockstepCommand;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
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

    /**
     * For an environment marked {@code protected}: a person types the environment name, or
     * {@code --yes} says one already approved. A non-interactive run without {@code --yes} is refused.
     */
    void confirmIfProtected(LockstepConfig config, String action) {
        if (!config.protectedEnvironment() || root().globals().yes()) {
            return;
        }
        String env = config.environment();
        var ctx = root().context();
        if (!ctx.terminal()) {
            throw new LockstepException(ErrorCode.BLOCKED, "refusing to " + action + " on protected environment '"
                    + env + "' without confirmation (no terminal to ask on)",
                    "pass --yes once a person has approved it, or run it interactively");
        }
        ctx.err().print("Environment '" + env + "' is protected. Type its name to " + action + ": ");
        ctx.err().flush();
        String answer;
        try {
            answer = ctx.in().readLine();
        } catch (java.io.IOException e) {
            answer = null;
        }
        if (answer == null || !answer.strip().equals(env)) {
            throw new LockstepException(ErrorCode.BLOCKED, "confirmation did not match '" + env + "'; nothing was done",
                    "type the environment name exactly");
        }
    }
}
