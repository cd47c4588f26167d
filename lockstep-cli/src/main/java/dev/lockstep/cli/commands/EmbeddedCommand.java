package dev.lockstep.cli.commands;

import dev.lockstep.EmbeddedStatus;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "embedded", mixinStandardHelpOptions = true,
        description = "Manage the embedded PostgreSQL used when no database URL is given.",
        subcommands = {EmbeddedCommand.Start.class, EmbeddedCommand.Stop.class, EmbeddedCommand.Status.class,
                EmbeddedCommand.Url.class})
public final class EmbeddedCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class Action extends Subcommand {
        Lockstep lockstep() {
            return Lockstep.create(config());
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (or say it is running).")
    static final class Start extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedStatus s = lockstep().embeddedStart();
            console.println((s.started() ? "Started" : "Already running:") + " embedded PostgreSQL on port "
                    + s.port() + " (pid " + s.pid() + ", data in " + s.dataDirectory() + ")");
            console.println("URL: " + s.url());
            console.result(s);
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it; the data stays.")
    static final class Stop extends Action {
        @Override
        public Integer call() {
            Console console = console();
            Lockstep lockstep = lockstep();
            boolean stopped = lockstep.embeddedStop();
            console.println(stopped ? "Stopped the embedded PostgreSQL; its data stays in "
                    + lockstep.embeddedStatus().dataDirectory() : "The embedded PostgreSQL is not running.");
            console.result(Map.of("stopped", stopped));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Is it running, on which port.")
    static final class Status extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedStatus s = lockstep().embeddedStatus();
            console.println(s.running() ? "Running on port " + s.port() + " (pid " + s.pid() + "), data in "
                    + s.dataDirectory() : "Not running (data directory " + s.dataDirectory() + ")");
            console.result(s);
            return 0;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true, description = "Print its JDBC URL, starting it if needed.")
    static final class Url extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedStatus s = lockstep().embeddedStart();
            console.println(s.url());
            console.result(s);
            return 0;
        }
    }
}
