package dev.lockstep.cli.serve;

import dev.lockstep.Readiness;

/** The body of {@code /metrics}: the readiness answer in the Prometheus text exposition format (0.0.4). */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    private PrometheusText() {
    }

    public static String render(Readiness r) {
        PrometheusText t = new PrometheusText();
        Readiness.Migrations m = r.migrations();
        Readiness.History h = r.history();
        t.gauge("lockstep_ready", "1 when /readyz answers 200, else 0.", bool(r.ok()));
        t.gauge("lockstep_database_up", "1 when the database accepted a connection and answered.",
                bool(r.database().ok()));
        t.gauge("lockstep_migrations_pending", "Migrations not applied yet.", m.pending());
        t.gauge("lockstep_migrations_failed", "Migrations whose last run failed.", m.failed());
        t.gauge("lockstep_migrations_partial", "Migrations partly applied (resumed by the next migrate).",
                m.partial());
        t.gauge("lockstep_migrations_checksum_mismatch", "Applied migrations whose file changed since.",
                m.checksumMismatch());
        t.gauge("lockstep_migrations_missing", "Applied migrations whose file is not in this copy.", m.missing());
        t.help("lockstep_migration_version_info", "The applied and the newest version of the files.", "gauge");
        t.out.append("lockstep_migration_version_info{current=\"").append(label(m.current()))
                .append("\",expected=\"").append(label(m.expected())).append("\"} 1\n");
        t.gauge("lockstep_history_rows", "Rows in the history table.", h.rows());
        if (h.lastRunAt() != null) {
            t.gauge("lockstep_last_run_timestamp_seconds", "When the newest migration run finished.",
                    seconds(h.lastRunAt().toEpochMilli()));
            t.gauge("lockstep_last_run_success", "1 when the newest migration run succeeded, else 0.",
                    bool(Boolean.TRUE.equals(h.lastRunOk())));
        }
        if (h.lastRunMs() != null) {
            t.gauge("lockstep_last_run_duration_seconds", "How long the newest migration run took.",
                    seconds(h.lastRunMs()));
        }
        if (r.database().lockWaits() != null) {
            t.gauge("lockstep_lock_waits", "Sessions of the database waiting for a lock.", r.database().lockWaits());
        }
        t.gauge("lockstep_check_duration_seconds", "How long the last readiness check took.",
                seconds(r.database().ms() + m.ms()));
        t.gauge("lockstep_check_timestamp_seconds", "When the database and files were last read.",
                seconds(r.checkedAt().toEpochMilli()));
        return t.out.toString();
    }

    private void gauge(String name, String help, Number value) {
        help(name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private void help(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Milliseconds as seconds in plain decimals (no exponent), e.g. {@code 1767225600.123}. */
    private static java.math.BigDecimal seconds(long millis) {
        return java.math.BigDecimal.valueOf(millis, 3);
    }

    private static int bool(boolean b) {
        return b ? 1 : 0;
    }

    private static String label(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
