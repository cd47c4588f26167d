package dev.lockstep.internal.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lockstep.AppliedMigration;
import dev.lockstep.DeployResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.PreflightReport;
import dev.lockstep.VerifyReport;
import dev.lockstep.lint.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a deploy's report as JSON and as one self-contained HTML page (no scripts, no external files). */
final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    static void write(Path json, DeployResult r) throws IOException {
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), r);
        Files.writeString(json.resolveSibling(json.getFileName().toString().replace(".json", ".html")), html(r));
    }

    /** Any document as a JSON report (the reports of rollback and restore). */
    static void writeJson(Path json, Object document) throws IOException {
        Files.createDirectories(json.getParent());
        JSON.writeValue(json.toFile(), document);
    }

    /** The plan as reviewed: its hash, who made it, the gate's verdict on each finding, and the way back. */
    private static void reviewed(StringBuilder h, dev.lockstep.DeployPlan p) {
        h.append("<h2>Reviewed plan</h2><p>Plan <code>").append(esc(p.hash())).append("</code>, made by ")
                .append(esc(p.createdBy())).append(" at ").append(esc(p.createdAt())).append(" for <b>")
                .append(esc(p.database())).append("</b>; ").append(p.migrations().size()).append(" migration(s)")
                .append(p.inputs() == null || p.inputs().phase() == null ? "" : ", phase " + esc(p.inputs().phase()))
                .append("</p>");
        if (!p.lint().isEmpty()) {
            h.append("<table><tr><th>migration</th><th>rule</th><th>severity</th><th>at</th><th>verdict</th></tr>");
            for (dev.lockstep.DeployPlan.LintVerdict v : p.lint()) {
                h.append("<tr><td>").append(esc(v.migration())).append("</td><td>").append(esc(v.rule()))
                        .append("</td><td>").append(esc(v.severity())).append("</td><td>").append(esc(v.at()))
                        .append("</td><td class=\"").append(v.verdict().equals("blocks") ? "failed" : "ok").append("\">")
                        .append(esc(v.verdict())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>Down plan: ");
        if (!p.irreversible().isEmpty()) {
            h.append("no down script for ").append(esc(String.join(", ", p.irreversible())))
                    .append(", so the backup is the way back. ");
        }
        h.append(p.down().isEmpty() ? "no down script runs." : "The down scripts, newest first:").append("</p>");
        if (!p.down().isEmpty()) {
            h.append("<ul>");
            p.down().forEach(d -> h.append("<li>").append(esc(d.version() == null ? "repeatable" : d.version()))
                    .append(": ").append(esc(d.description())).append(" (").append(esc(d.script())).append(")</li>"));
            h.append("</ul>");
        }
    }

    static String html(DeployResult r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lockstep deploy ")
                .append(esc(r.runId())).append("</title><style>body{font:14px/1.4 system-ui,sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
                        + "text-align:left;vertical-align:top}.ok,.PASS{color:#176f2c}.failed,.FAIL{color:#b00020}"
                        + ".skipped,.WARN,.warning{color:#8a6d00}pre{background:#f6f6f6;padding:.5em;overflow:auto}</style>"
                        + "</head><body>");
        h.append("<h1 class=\"").append(r.outcome().equals("failure") ? "failed" : "ok").append("\">Deploy ")
                .append(esc(r.outcome())).append("</h1><p>Run <code>").append(esc(r.runId())).append("</code> on <b>")
                .append(esc(r.database())).append("</b>").append(r.environment() == null ? "" : " (environment <b>"
                        + esc(r.environment()) + "</b>)").append(r.dryRun() ? ", dry run" : "").append("</p>");
        if (r.error() != null) {
            h.append("<p class=\"failed\">Step <b>").append(esc(r.failedStep())).append("</b> failed:</p><pre>")
                    .append(esc(r.error())).append("</pre>");
        }
        if (r.undo() != null) {
            DeployResult.Undo u = r.undo();
            h.append("<h2>Undo</h2><p class=\"").append(u.outcome().equals("failed") ? "failed" : "ok").append("\">")
                    .append(esc(u.action())).append(": ").append(esc(u.outcome())).append(" &mdash; ")
                    .append(esc(u.detail())).append("</p>");
            if (!u.undone().isEmpty()) {
                h.append("<ul>");
                String verb = u.action().equals("restore") ? "taken back by the restore: " : "rolled back ";
                u.undone().forEach(a -> h.append("<li>").append(verb).append(esc(a.version() == null ? a.description()
                        : a.version())).append(" (").append(esc(a.script())).append(")</li>"));
                h.append("</ul>");
            }
            if (u.restore() != null && !u.restore().differences().isEmpty()) {
                h.append("<p class=\"failed\">Differences from the backup:</p><ul>");
                u.restore().differences().forEach(d -> h.append("<li>").append(esc(d)).append("</li>"));
                h.append("</ul>");
            }
        }
        if (!r.rollbackOptions().isEmpty()) {
            h.append("<h2>To undo</h2><ul>");
            r.rollbackOptions().forEach(o -> h.append("<li><code>").append(esc(o)).append("</code></li>"));
            h.append("</ul>");
        }
        h.append("<h2>Steps</h2><table><tr><th>step</th><th>outcome</th><th>started</th><th>ms</th><th>detail</th></tr>");
        for (DeployResult.Step s : r.steps()) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td class=\"").append(esc(s.outcome())).append("\">")
                    .append(esc(s.outcome())).append("</td><td>").append(esc(s.startedAt())).append("</td><td>")
                    .append(s.durationMs()).append("</td><td>").append(esc(s.detail())).append("</td></tr>");
        }
        h.append("</table>");
        WatchCharts.html(h, r.watch());
        HookSection.html(h, r.hooks());
        if (r.preflight() != null) {
            h.append("<h2>Preflight</h2><table>");
            for (PreflightReport.Check c : r.preflight().checks()) {
                h.append("<tr><td class=\"").append(c.status()).append("\">").append(c.status()).append("</td><td>")
                        .append(esc(c.name())).append("</td><td>").append(esc(c.measured())).append("</td><td>")
                        .append(esc(c.threshold())).append("</td></tr>");
            }
            h.append("</table>");
        }
        if (r.backup() != null) {
            h.append("<h2>Backup</h2><p><code>").append(esc(r.backup().file())).append("</code>, ")
                    .append(r.backup().sha256() == null ? esc(r.backup().summary()) : r.backup().size()
                            + " bytes, sha256 <code>" + esc(r.backup().sha256()) + "</code>").append("</p>");
        }
        if (r.review() != null) {
            reviewed(h, r.review());
        }
        if (r.plan() != null) {
            h.append("<h2>Migrations</h2>");
            for (PlannedMigration m : r.plan().plan()) {
                h.append("<h3>").append(esc(m.version() == null ? "repeatable" : m.version())).append(": ")
                        .append(esc(m.description())).append("</h3><p>").append(m.transactional()
                                ? "one transaction" : esc("statement by statement: " + m.reason())).append("</p>");
                for (Violation v : m.findings()) {
                    h.append("<p class=\"").append(v.severity() == dev.lockstep.lint.Severity.ERROR ? "FAIL" : "WARN")
                            .append("\">lint ").append(esc(v.rule())).append(": ").append(esc(v.message())).append("</p>");
                }
                h.append("<pre>");
                for (PlannedStatement s : m.statements()) {
                    h.append(esc("-- line " + s.line() + " · " + s.kind() + " · lock: " + s.describeLocks() + "\n" + s.sql()
                            + ";\n"));
                }
                h.append("</pre>");
            }
        }
        if (r.migrate() != null) {
            h.append("<h2>Applied</h2><table><tr><th>version</th><th>description</th><th>ms</th>"
                    + "<th>sessions waiting (max)</th><th>longest wait ms</th></tr>");
            for (AppliedMigration a : r.migrate().executed()) {
                h.append("<tr><td>").append(esc(a.version() == null ? "R" : a.version())).append("</td><td>")
                        .append(esc(a.description())).append("</td><td>").append(a.durationMs()).append("</td><td>")
                        .append(a.maxSessionsWaiting()).append("</td><td>").append(a.longestWaitMs()).append("</td></tr>");
            }
            if (r.failedMigration() != null) {
                var f = r.failedMigration();
                h.append("<tr><td class=\"failed\">").append(esc(f.version() == null ? "R" : f.version()))
                        .append("</td><td>").append(esc(f.description())).append(" &mdash; failed")
                        .append(f.partial() ? esc(", " + (f.statementsApplied() == null ? "some" : f.statementsApplied())
                                + " of " + f.statementsTotal() + " statements stay applied") : "")
                        .append("</td><td></td><td></td><td></td></tr>");
            }
            h.append("</table>");
        }
        if (r.verify() != null) {
            h.append("<h2>Verification</h2><table>");
            for (VerifyReport.Result v : r.verify().results()) {
                h.append("<tr><td class=\"").append(v.passed() ? "PASS" : "FAIL").append("\">")
                        .append(v.passed() ? "PASS" : "FAIL").append("</td><td>").append(esc(v.kind())).append("</td><td>")
                        .append(esc(v.name())).append("</td><td><pre>").append(esc(v.detail())).append("</pre></td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
