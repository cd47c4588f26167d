package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.GlobalOptions;
import dev.lockstep.cli.LockstepCommand;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.spi.RunListener;
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

    /** Set when the command runs without picocli (see DirectPath): the root whose globals apply. */
    private LockstepCommand direct;

    LockstepCommand root() {
        return direct != null ? direct : (LockstepCommand) spec.root().userObject();
    }

    /** This command, run on {@code root}'s globals without picocli's model. */
    <C extends Subcommand> C runningOn(LockstepCommand root) {
        this.direct = root;
        @SuppressWarnings("unchecked")
        C self = (C) this;
        return self;
    }

    Console console() {
        return new Console(root().context(), root().globals());
    }

    /** The configuration from the command line, the environment, lockstep.toml and the defaults. */
    LockstepConfig config() {
        return config(root().globals().environment());
    }

    /** The configuration of a named environment (an [env.NAME] section of lockstep.toml), or none when null. */
    LockstepConfig config(String environment) {
        var ctx = root().context();
        Lockstep.Builder b = Lockstep.configure().fromEnvironment(ctx.workDir(), environment, ctx.env())
                .clock(ctx.clock());
        for (var e : root().globals().settingsView().entrySet()) {
            b.option(e.getKey(), e.getValue());
        }
        LockstepConfig config = b.config();
        root().globals().redactAlso(config.get(dev.lockstep.Setting.URL));
        return config;
    }

    /** Refuses a version option that is not a version before anything connects (exit 2). */
    static void requireVersion(String option, String value) {
        if (value != null && !dev.lockstep.MigrationVersion.isVersion(value)) {
            throw new LockstepException(ErrorCode.USAGE, option + " '" + value + "' is not a version (digits "
                    + "separated by '.' or '_')", "give a version such as 3 or 1.2; 'lockstep status' lists them");
        }
    }

    /** Lockstep on a configuration, reporting to the listener. */
    static Lockstep lockstep(LockstepConfig config, RunListener listener) {
        return Lockstep.create(config).withListener(listener);
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
