package dev.lockstep.internal.config;

import dev.lockstep.Setting;

/** Renders the settings tables of docs/settings.md from the {@link Setting} registry, one per section. */
public final class SettingsReference {
    private SettingsReference() {
    }

    public static String markdownTable() {
        StringBuilder sb = new StringBuilder();
        String section = null;
        for (Setting<?> s : Setting.all()) {
            if (!s.section().equals(section)) {
                section = s.section();
                sb.append(section.isEmpty() ? "" : "\n`[" + section + "]`\n\n");
                sb.append("| key | command line | environment | default | meaning |\n");
                sb.append("|---|---|---|---|---|\n");
            }
            sb.append("| `").append(s.key()).append("` | ")
                    .append(s.option().map(o -> "`" + o + (s.paramLabel() == null ? "" : " " + s.paramLabel()) + "` ("
                            + (s.commands().isEmpty() ? "every command" : String.join(", ", s.commands())) + ")")
                            .orElse(""))
                    .append(" | ").append(s.envVar().map(v -> "`" + v + "`").orElse(""))
                    .append(" | ").append(s.defaultText().isEmpty() ? "" : "`" + s.defaultText() + "`")
                    .append(" | ").append(s.description()).append(" |\n");
        }
        return sb.toString();
    }
}
