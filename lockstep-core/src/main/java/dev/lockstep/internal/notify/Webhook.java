package dev.lockstep.internal.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.spi.Notifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook notifier: Slack-compatible ({@code {"text": ...}}) or a generic JSON document with the
 * command's facts; the event is the command and the phase ({@code deploy.failure}, {@code restore.success}). The URL is a secret (it carries a token): it is never logged, only its host.
 */
public final class Webhook implements Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI url;
    private final boolean slack;
    private final Duration timeout;

    public Webhook(String name, String url, boolean slack, Duration timeout) {
        this.name = name;
        this.url = URI.create(url);
        this.slack = slack;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return name + " webhook on " + url.getHost();
    }

    @Override
    public void send(String phase, String summary, Map<String, Object> details) throws Exception {
        Object command = details.getOrDefault("command", "deploy");
        Map<String, Object> body = new LinkedHashMap<>();
        if (slack) {
            String icon = switch (phase) {
                case "success" -> ":white_check_mark:";
                case "failure" -> ":x:";
                default -> ":arrow_forward:";
            };
            body.put("text", icon + " Lockstep " + command + " " + phase + ": " + summary);
        } else {
            body.put("event", command + "." + phase);
            body.put("summary", summary);
            body.putAll(details);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("answered " + response.statusCode());
        }
    }
}
