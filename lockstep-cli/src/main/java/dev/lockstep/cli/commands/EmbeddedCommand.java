package dev.lockstep.cli.commands;

import dev.lockstep.EmbeddedStatus;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embedded", mixinStandardHelpOptions = true,
        description = "Manage the embedded PostgreSQL used when no database is configured (one per user, "
                + "a database per project directory).",
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
            return Lockstep.create(config()).withListener(new NoticePrinter(console()));
        }

        /** A path under the home directory as {@code ~/...}, as a user would type it. */
        String shown(String path) {
            return shown(java.nio.file.Path.of(path));
        }

        String shown(java.nio.file.Path path) {
            String home = root().context().env().get("HOME");
            if (home != null && !home.isBlank() && path.startsWith(java.nio.file.Path.of(home))) {
                return "~/" + java.nio.file.Path.of(home).relativize(path);
            }
            return path.toString();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (or say it is running).")
    static final class Start extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedStatus s = Lockstep.create(config()).embeddedStart();
            console.println((s.started() ? "Started" : "Already running:") + " embedded PostgreSQL on port "
                    + s.port() + " (pid " + s.pid() + ", data in " + shown(s.dataDirectory()) + ")" + idle(s));
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
                    + shown(lockstep.embeddedStatus().dataDirectory()) : "The embedded PostgreSQL is not running.");
            console.result(Map.of("stopped", stopped));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Is it running, on which port; --all: every embedded PostgreSQL of this user.")
    static final class Status extends Action {
        @Option(names = "--all", description = "List every embedded PostgreSQL of this user, running or not")
        boolean all;

        @Override
        public Integer call() {
            Console console = console();
            if (all) {
                List<EmbeddedStatus> servers = lockstep().embeddedServers();
                if (servers.isEmpty()) {
                    console.println("No embedded PostgreSQL found.");
                }
                for (EmbeddedStatus s : servers) {
                    console.println(line(s));
                }
                console.result(Map.of("servers", servers));
                return 0;
            }
            EmbeddedStatus s = lockstep().embeddedStatus();
            console.println(s.running() ? "Running on port " + s.port() + " (pid " + s.pid() + "), data in "
                    + shown(s.dataDirectory()) + idle(s) + "; this directory's database: " + s.database()
                    : "Not running (data directory " + shown(s.dataDirectory()) + ")");
            console.result(s);
            return 0;
        }

        private String line(EmbeddedStatus s) {
            String state = s.running() ? "running on port " + (s.port() == null ? "?" : s.port()) + " (pid " + s.pid()
                    + ")" : "stopped";
            String used = s.lastUsed() == null ? "" : "; last used " + ago(s.lastUsed());
            return "  " + shown(s.home() != null ? s.home() : s.dataDirectory()) + ": " + state
                    + (s.home() == null ? "; not started by Lockstep (stop it with kill -INT " + s.pid() + ")" : "")
                    + used + idle(s);
        }

        private static String ago(Instant when) {
            Duration d = Duration.between(when, Instant.now());
            return dev.lockstep.Durations.format(Duration.ofSeconds(Math.max(0, d.toSeconds()))) + " ago";
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = "Print the JDBC URL of this directory's database on it, starting it if needed.")
    static final class Url extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedStatus s = Lockstep.create(config()).embeddedStart();
            console.println(s.url());
            console.result(s);
            return 0;
        }
    }

    static String idle(EmbeddedStatus s) {
        if (s.idleStop() == null) {
            return "";
        }
        return s.idleStop().equals("off") ? "; runs until stopped" : "; stops after " + s.idleStop() + " unused";
    }
}
