package dev.lockstep.internal.watch;

import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.VerifyCheck;
import dev.lockstep.internal.shell.ShellCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code [[watch.http]]} health URLs and {@code [[watch.command]]} shell checks, run at every sample. */
final class HealthChecks {
    private final List<VerifyCheck.Http> urls;
    private final List<VerifyCheck.Command> commands;
    private final LockstepConfig config;
    private final HttpClient client = HttpClient.newBuilder().build();

    HealthChecks(LockstepConfig config) {
        this.config = config;
        this.urls = config.get(Setting.WATCH_HTTP);
        this.commands = config.get(Setting.WATCH_COMMAND);
    }

    /** The names of the checks, in the order {@link #run()} returns them. */
    List<String> names() {
        List<String> out = new ArrayList<>();
        urls.forEach(u -> out.add("GET " + u.url()));
        commands.forEach(c -> out.add("check: " + c.run()));
        return out;
    }

    List<Sample.CheckOutcome> run() {
        List<Sample.CheckOutcome> out = new ArrayList<>();
        for (VerifyCheck.Http u : urls) {
            out.add(http(u));
        }
        for (VerifyCheck.Command c : commands) {
            ShellCommand.Outcome o = ShellCommand.run(c.run(), config.workDir(), Map.of(), c.timeout());
            String last = o.output().isEmpty() ? "" : ": " + o.output().lines().reduce((a, b) -> b).orElse("");
            out.add(new Sample.CheckOutcome("check: " + c.run(), o.ok(), o.durationMs(), o.ok() ? null
                    : o.summary() + last));
        }
        return out;
    }

    private Sample.CheckOutcome http(VerifyCheck.Http u) {
        String name = "GET " + u.url();
        long t0 = System.nanoTime();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(u.url())).timeout(u.timeout()).GET()
                    .build(), HttpResponse.BodyHandlers.discarding());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Sample.CheckOutcome(name, r.statusCode() == u.expect(), ms, r.statusCode() == u.expect() ? null
                    : "answered " + r.statusCode() + ", expected " + u.expect());
        } catch (HttpTimeoutException e) {
            return new Sample.CheckOutcome(name, false, u.timeout().toMillis(), "no answer within "
                    + Durations.format(u.timeout()));
        } catch (IOException | IllegalArgumentException e) {
            return new Sample.CheckOutcome(name, false, (System.nanoTime() - t0) / 1_000_000, "failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample.CheckOutcome(name, false, 0, "interrupted");
        }
    }
}
