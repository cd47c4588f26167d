package dev.lockstep;

import java.time.Duration;

/**
 * Where deploy notifications go ({@code [notify]} in lockstep.toml names the environment variables that
 * hold the webhook URLs; the URLs are secrets and are never printed).
 *
 * @param slackUrl a Slack-compatible incoming webhook, or null
 * @param webhookUrl a generic JSON webhook, or null
 */
public record NotifySettings(String slackUrl, String webhookUrl, Duration timeout) {
    public static final NotifySettings NONE = new NotifySettings(null, null, Duration.ofSeconds(5));

    @Override
    public String toString() {
        return "NotifySettings[slack=" + (slackUrl != null) + ", webhook=" + (webhookUrl != null) + ", timeout=" + timeout
                + "]";
    }
}
