package dev.lockstep.cli.commands;

import dev.lockstep.Durations;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Readiness;
import dev.lockstep.ReadinessProbe;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.serve.ProbeServer;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Answer readiness probes: /readyz (503 while migrations are pending, failed, partly applied or "
                + "changed, or the database is down), /healthz and /metrics (Prometheus). Read-only; stops on SIGTERM.")
public final class ServeCommand extends Subcommand {
    private static final Duration GRACE = Duration.ofSeconds(5);

    @Override
    public Integer call() throws InterruptedException {
        Console console = console();
        LockstepConfig config = config();
        ReadinessProbe probe = Lockstep.create(config).withListener(new NoticePrinter(console)).readinessProbe();
        String bind = config.get(Setting.SERVE_BIND);
        ProbeServer server;
        try {
            server = ProbeServer.start(probe, new InetSocketAddress(bind, config.get(Setting.SERVE_PORT)));
        } catch (IOException | IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot listen on " + bind + ":"
                    + config.get(Setting.SERVE_PORT) + ": " + e.getMessage(),
                    "choose another --port or --bind (serve.port, serve.bind)");
        }
        InetSocketAddress at = server.address();
        console.println("Serving /readyz, /healthz and /metrics on http://" + at.getHostString() + ":" + at.getPort()
                + " (readiness read at most every " + Durations.exact(probe.maxAge())
                + "). Stop with SIGTERM or Ctrl-C.");
        Readiness first = probe.get();
        console.println(first.ok() ? "Ready: version " + first.migrations().current()
                : "Not ready: " + reason(first));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(GRACE);
            console.println("Stopped serving.");
            stopped.countDown();
        }, "lockstep-serve-stop"));
        stopped.await();
        return 0;
    }

    static String reason(Readiness r) {
        if (!r.database().ok()) {
            return "database unreachable (" + r.database().detail() + ")";
        }
        Readiness.Migrations m = r.migrations();
        if (m.detail() != null) {
            return m.detail();
        }
        return m.pending() + " pending, " + m.failed() + " failed, " + m.partial() + " partly applied, "
                + m.checksumMismatch() + " changed";
    }
}
