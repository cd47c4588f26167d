package dev.lockstep.cli.commands;

import dev.lockstep.cli.Console;
import dev.lockstep.internal.embedded.EmbeddedServer;
import java.util.LinkedHashMap;
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
        EmbeddedServer server() {
            return new EmbeddedServer(config().embeddedDir());
        }

        Map<String, Object> describe(EmbeddedServer.Status s) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("running", s.running());
            doc.put("pid", s.running() ? s.pid() : null);
            doc.put("port", s.running() ? s.port() : null);
            doc.put("url", s.running() ? s.jdbcUrl() : null);
            doc.put("dataDirectory", s.dataDirectory().toString());
            return doc;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start it (or say it is running).")
    static final class Start extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedServer.Running r = server().ensureRunning();
            console.println((r.started() ? "Started" : "Already running:") + " embedded PostgreSQL on port "
                    + r.status().port() + " (pid " + r.status().pid() + ", data in " + r.status().dataDirectory() + ")");
            console.println("URL: " + r.status().jdbcUrl());
            console.result(describe(r.status()));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop it; the data stays.")
    static final class Stop extends Action {
        @Override
        public Integer call() {
            Console console = console();
            boolean stopped = server().stop();
            console.println(stopped ? "Stopped the embedded PostgreSQL; its data stays in " + server().dataDirectory()
                    : "The embedded PostgreSQL is not running.");
            console.result(Map.of("stopped", stopped));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Is it running, on which port.")
    static final class Status extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedServer.Status s = server().status();
            console.println(s.running() ? "Running on port " + s.port() + " (pid " + s.pid() + "), data in "
                    + s.dataDirectory() : "Not running (data directory " + s.dataDirectory() + ")");
            console.result(describe(s));
            return 0;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true, description = "Print its JDBC URL, starting it if needed.")
    static final class Url extends Action {
        @Override
        public Integer call() {
            Console console = console();
            EmbeddedServer.Running r = server().ensureRunning();
            console.println(r.status().jdbcUrl());
            console.result(describe(r.status()));
            return 0;
        }
    }
}
