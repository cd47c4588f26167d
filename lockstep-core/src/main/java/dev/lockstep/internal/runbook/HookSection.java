package dev.lockstep.internal.runbook;

import dev.lockstep.HookResult;
import java.util.List;

/** The report's hooks section: each command, where it ran, how it ended and what it printed. */
final class HookSection {
    private HookSection() {
    }

    static void html(StringBuilder h, List<HookResult> hooks) {
        if (hooks == null || hooks.isEmpty()) {
            return;
        }
        h.append("<h2>Hooks</h2><table><tr><th>hook</th><th>command</th><th>outcome</th><th>ms</th><th>output</th></tr>");
        for (HookResult r : hooks) {
            String css = r.outcome().equals("ok") ? "ok" : r.outcome().equals("warning") ? "WARN" : "failed";
            h.append("<tr><td>").append(Reports.esc(r.hook())).append("</td><td><code>").append(Reports.esc(r.command()))
                    .append("</code><br><small>in ").append(Reports.esc(r.dir())).append("</small></td><td class=\"")
                    .append(css).append("\">").append(Reports.esc(r.outcome()))
                    .append(r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")")
                    .append(r.problem() == null ? "" : ": " + Reports.esc(r.problem())).append("</td><td>")
                    .append(r.durationMs()).append("</td><td><pre>").append(Reports.esc(r.output()))
                    .append("</pre></td></tr>");
        }
        h.append("</table>");
    }
}
