package dev.lockstep.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lockstep.Readiness;
import dev.lockstep.ReadinessProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /readyz}, {@code /healthz} and {@code /metrics} on one address, read-only: every other path is 404
 * and every method but GET and HEAD is 405. Answers come from a {@link ReadinessProbe}, so probes share one
 * cached look at the database.
 */
public final class ProbeServer {
    private final HttpServer server;
    private final ExecutorService workers;
    private final ReadinessProbe probe;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The body of the latest answer, rendered once however often it is asked for. */
    private volatile Rendered rendered;

    private record Rendered(Readiness readiness, String json) {
    }

    private ProbeServer(HttpServer server, ExecutorService workers, ReadinessProbe probe) {
        this.server = server;
        this.workers = workers;
        this.probe = probe;
    }

    /** Listens on the address (port 0: any free port) and starts answering. */
    public static ProbeServer start(ReadinessProbe probe, InetSocketAddress address) throws IOException {
        // Headers and body leave in two writes: without TCP_NODELAY the client's delayed ACK holds the
        // body back about 40 ms. The JDK server reads this property once, when its first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lockstep-serve");
            t.setDaemon(true);
            return t;
        });
        ProbeServer s = new ProbeServer(server, workers, probe);
        server.createContext("/", s::handle);
        server.setExecutor(workers);
        server.start();
        return s;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Lets the exchanges in progress finish, for up to {@code grace}, then closes the socket. (The JDK's own
     * {@code stop(delay)} waits out the whole delay even when nothing is in progress.)
     */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            route(ex);
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain; charset=utf-8", "internal error: " + e.getMessage() + "\n");
        } finally {
            ex.close();
            inFlight.decrementAndGet();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            send(ex, 405, "text/plain; charset=utf-8", "read-only: GET or HEAD\n");
            return;
        }
        switch (ex.getRequestURI().getPath()) {
            case "/readyz" -> {
                Readiness r = probe.get();
                Rendered body = rendered;
                if (body == null || body.readiness() != r) {
                    body = new Rendered(r, ReadinessJson.render(r) + "\n");
                    rendered = body;
                }
                send(ex, r.ok() ? 200 : 503, "application/json", body.json());
            }
            case "/healthz" -> send(ex, 200, "application/json", "{\"ok\":true}\n");
            case "/metrics" -> send(ex, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(probe.get()));
            default -> send(ex, 404, "text/plain; charset=utf-8", "not found: /readyz, /healthz, /metrics\n");
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
