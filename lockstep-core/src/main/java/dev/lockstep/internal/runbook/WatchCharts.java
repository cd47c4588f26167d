package dev.lockstep.internal.runbook;

import dev.lockstep.WatchReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's watch section: one small inline SVG chart per series, the migration marked as a band on
 * the time axis and the threshold as a dashed line. Plain SVG, no scripts, no external files.
 */
final class WatchCharts {
    static final int WIDTH = 360;
    static final int HEIGHT = 96;
    private static final int LEFT = 44;
    private static final int RIGHT = 8;
    private static final int TOP = 14;
    private static final int BOTTOM = 18;

    private WatchCharts() {
    }

    static void html(StringBuilder h, WatchReport w) {
        if (w == null) {
            return;
        }
        h.append("<h2>Watch</h2><p class=\"").append(w.outcome().equals("breached") ? "failed" : "ok").append("\">")
                .append(Reports.esc(w.outcome())).append(": ").append(w.samples()).append(" samples every ")
                .append(w.intervalMs()).append(" ms, from ").append(Reports.esc(w.startedAt()))
                .append("; the migration is the shaded band</p>");
        for (String b : w.breaches()) {
            h.append("<p class=\"failed\">").append(Reports.esc(b)).append("</p>");
        }
        for (String n : w.notes()) {
            h.append("<p class=\"WARN\">").append(Reports.esc(n)).append("</p>");
        }
        h.append("<div class=\"charts\">");
        for (WatchReport.Series s : w.series()) {
            h.append("<figure style=\"display:inline-block;margin:.4em\">").append(svg(s, w))
                    .append("<figcaption style=\"max-width:").append(WIDTH).append("px;font-size:12px\">")
                    .append(Reports.esc(s.name())).append(" (").append(Reports.esc(s.unit())).append(")")
                    .append(s.threshold() == null ? "" : ", limit " + num(s.threshold()))
                    .append("</figcaption></figure>");
        }
        h.append("</div>");
        if (!w.statements().isEmpty()) {
            h.append("<table><tr><th>statement</th><th>calls before</th><th>mean ms</th><th>p95 ms (est.)</th>"
                    + "<th>calls after</th><th>mean ms</th><th>p95 ms (est.)</th><th>change</th></tr>");
            for (WatchReport.Statement st : w.statements()) {
                h.append("<tr><td><code>").append(Reports.esc(st.query())).append("</code></td><td>")
                        .append(st.baselineCalls()).append("</td><td>").append(num(st.baselineMeanMs()))
                        .append("</td><td>").append(num(st.baselineP95Ms())).append("</td><td>").append(st.afterCalls())
                        .append("</td><td>").append(st.afterMeanMs() == null ? "" : num(st.afterMeanMs()))
                        .append("</td><td>").append(st.afterP95Ms() == null ? "" : num(st.afterP95Ms()))
                        .append("</td><td>").append(st.regression() == null ? "" : String.format(Locale.ROOT, "%+.0f%%",
                                st.regression() * 100)).append("</td></tr>");
            }
            h.append("</table>");
        }
    }

    static String svg(WatchReport.Series s, WatchReport w) {
        long end = Math.max(1, s.points().isEmpty() ? 1 : s.points().get(s.points().size() - 1).atMs());
        double max = s.threshold() == null ? 0 : s.threshold();
        for (WatchReport.Point p : s.points()) {
            if (p.value() != null) {
                max = Math.max(max, p.value());
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder g = new StringBuilder(1024);
        g.append("<svg class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\"><title>").append(Reports.esc(s.name())).append("</title>")
                .append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(WIDTH - LEFT - RIGHT).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                .append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        double x0 = x(Math.min(w.migrationStartMs(), end), end);
        double x1 = x(Math.min(w.migrationEndMs() == null ? end : w.migrationEndMs(), end), end);
        g.append("<rect class=\"migration\" x=\"").append(f(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(f(Math.max(2, x1 - x0))).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
                .append("\" fill=\"#ffd966\"/><text x=\"").append(f(x0)).append("\" y=\"").append(TOP - 3)
                .append("\" font-size=\"10\" fill=\"#8a6d00\">migration</text>");
        if (s.threshold() != null) {
            double y = y(s.threshold(), max);
            g.append("<line class=\"threshold\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y))
                    .append("\" stroke=\"#b00020\" stroke-dasharray=\"4 3\"/>");
        }
        for (List<WatchReport.Point> run : runs(s.points())) {
            g.append(run.size() == 1 ? "<circle class=\"series\" r=\"2\" fill=\"#1f6fd0\" cx=\"" + f(x(run.get(0)
                    .atMs(), end)) + "\" cy=\"" + f(y(run.get(0).value(), max)) + "\"/>" : "");
            if (run.size() > 1) {
                g.append("<polyline class=\"series\" fill=\"none\" stroke=\"#1f6fd0\" stroke-width=\"2\" points=\"");
                for (WatchReport.Point p : run) {
                    g.append(f(x(p.atMs(), end))).append(',').append(f(y(p.value(), max))).append(' ');
                }
                g.append("\"/>");
            }
        }
        g.append(label(LEFT - 4, TOP + 8, num(max), "end")).append(label(LEFT - 4, HEIGHT - BOTTOM, "0", "end"))
                .append(label(LEFT, HEIGHT - 4, "0s", "start"))
                .append(label(WIDTH - RIGHT, HEIGHT - 4, String.format(Locale.ROOT, "%.1fs", end / 1000.0), "end"));
        return g.append("</svg>").toString();
    }

    /** The points split where nothing was measured, so a gap stays a gap. */
    private static List<List<WatchReport.Point>> runs(List<WatchReport.Point> points) {
        List<List<WatchReport.Point>> out = new ArrayList<>();
        List<WatchReport.Point> current = new ArrayList<>();
        for (WatchReport.Point p : points) {
            if (p.value() == null) {
                if (!current.isEmpty()) {
                    out.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(p);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static String label(double x, double y, String text, String anchor) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"10\" fill=\"#555\" text-anchor=\"" + anchor
                + "\">" + Reports.esc(text) + "</text>";
    }

    private static double x(long atMs, long end) {
        return LEFT + (WIDTH - LEFT - RIGHT) * (double) Math.max(0, atMs) / end;
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * Math.min(value, max) / max;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v)
                : String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }
}
