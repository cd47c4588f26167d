package dev.lockstep.internal.config;

import dev.lockstep.Setting;

/** Renders the settings table of docs/settings.md from the {@link Setting} registry. */
public final class SettingsReference {
    private SettingsReference() {
    }

    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| key (`lockstep.toml`) | command line | environment | default | meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Setting s : Setting.values()) {
            sb.append("| `").append(s.key()).append("` | ")
                    .append(s.option().map(o -> "`" + o.replace(" (", "` (")).orElse(""))
                    .append(" | ").append(s.envVar().map(v -> "`" + v + "`").orElse(""))
                    .append(" | ").append(s.defaultValue().map(v -> "`" + v + "`").orElse(""))
                    .append(" | ").append(s.description()).append(" |\n");
        }
        return sb.toString();
    }
}
