package dev.lockstep.cli.commands;

import dev.lockstep.DatabasePin;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = "The environments of lockstep.toml ([env.NAME] sections).",
        subcommands = {EnvCommand.Pin.class})
public final class EnvCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "pin", mixinStandardHelpOptions = true,
            description = "Record the identity of an environment's database (server system identifier and database "
                    + "name) as its database-id in lockstep.toml: every later command refuses another database.")
    static final class Pin extends Subcommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The environment (else --env)")
        String name;

        @Option(names = "--replace", description = "Replace a database-id the environment already has")
        boolean replace;

        @Override
        public Integer call() {
            Console console = console();
            String environment = name != null ? name : root().globals().environment();
            DatabasePin pin = Lockstep.create(config(environment)).withListener(new NoticePrinter(console))
                    .pinEnvironment(replace);
            if (!pin.changed()) {
                console.println("Environment '" + pin.environment() + "' is already pinned to " + pin.databaseId()
                        + " (" + pin.database() + ").");
            } else {
                console.println((pin.previous() == null ? "Pinned" : "Re-pinned") + " environment '"
                        + pin.environment() + "' to database-id " + pin.databaseId() + " (" + pin.database() + ") in "
                        + pin.file() + (pin.previous() == null ? "" : "; it was " + pin.previous()) + ".");
                console.println("Every command with --env " + pin.environment()
                        + " now refuses a database that is not this one.");
            }
            console.result(pin);
            return 0;
        }
    }
}
