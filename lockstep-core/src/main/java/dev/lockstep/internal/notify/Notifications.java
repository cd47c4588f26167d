package dev.lockstep.internal.notify;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.spi.Notifier;
import dev.lockstep.spi.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notifiers {@code [notify]} configures (webhook URLs read from the variables it names). Sending
 * never fails the command: a webhook that errors or times out is a notice.
 */
public final class Notifications {
    private final List<Notifier> notifiers;
    private final RunListener listener;

    public Notifications(List<Notifier> notifiers, RunListener listener) {
        this.notifiers = List.copyOf(notifiers);
        this.listener = listener;
    }

    public static Notifications of(LockstepConfig config, RunListener listener) {
        List<Notifier> out = new ArrayList<>();
        var timeout = config.get(Setting.NOTIFY_TIMEOUT);
        String slack = url(config, Setting.NOTIFY_SLACK_URL_ENV);
        if (slack != null) {
            out.add(new Webhook("slack", slack, true, timeout));
        }
        String webhook = url(config, Setting.NOTIFY_WEBHOOK_URL_ENV);
        if (webhook != null) {
            out.add(new Webhook("json", webhook, false, timeout));
        }
        return new Notifications(out, listener);
    }

    private static String url(LockstepConfig config, Setting<String> variable) {
        String name = config.get(variable);
        return name == null ? null : config.variables().get(name);
    }

    public boolean any() {
        return !notifiers.isEmpty();
    }

    /** Sends to every notifier; returns how many took it. */
    public int send(String phase, String summary, Map<String, Object> details) {
        int sent = 0;
        for (Notifier n : notifiers) {
            try {
                n.send(phase, summary, details);
                sent++;
            } catch (Exception e) {
                listener.notice("notification to " + n.name() + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); carrying on");
            }
        }
        return sent;
    }
}
