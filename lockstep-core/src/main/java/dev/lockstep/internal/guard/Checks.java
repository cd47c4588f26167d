package dev.lockstep.internal.guard;

import dev.lockstep.BackupManifest;
import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationState;
import dev.lockstep.PreflightReport.Check;
import dev.lockstep.PreflightReport.Status;
import dev.lockstep.Setting;
import dev.lockstep.internal.backup.Backups;
import dev.lockstep.internal.history.HistoryAccess;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.state.Reconciled;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The runbook's pre-flight checks, each a {@link dev.lockstep.internal.guard.Check}, in the order they run. */
final class Checks {
    private Checks() {
    }

    static List<dev.lockstep.internal.guard.Check> all() {
        return List.of(Checks::target, Checks::privileges, Checks::history, Checks::files, Checks::longQueries,
                Checks::connections, Checks::replication, Checks::size, Checks::backup, Checks::window,
                Checks::environment);
    }

    static Check target(GuardContext c) {
        String env = c.config().environment() == null ? "no --env" : "environment " + c.config().environment()
                + (c.config().protectedEnvironment() ? " (protected)" : "");
        return new Check("target", Status.PASS, env + ", " + c.database() + ", PostgreSQL " + c.serverVersion()
                + ", connected in " + c.connectMillis() + "ms", "");
    }

    /**
     * Exactly what migrate checks before it writes (a writable session; CREATE on the history schema, or
     * on the database to create it; or the rights on an existing history table), plus whether this role
     * sees other sessions' queries and ages, which complete the reports of who blocks a migration.
     */
    static Check privileges(GuardContext c) throws SQLException {
        HistoryAccess.Verdict access = HistoryAccess.check(c.connection(), new HistoryStore(c.config().get(Setting.HISTORY_SCHEMA)));
        boolean seesSessions;
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT rolsuper "
                + "OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') FROM pg_roles WHERE rolname = current_user")) {
            seesSessions = rs.next() && rs.getBoolean(1);
        }
        String measured = access.measured() + (seesSessions ? "" : "; other roles' sessions: query and age hidden");
        if (!access.ok()) {
            return new Check("privileges", Status.FAIL, measured, access.problem() + ": " + access.hint());
        }
        return new Check("privileges", seesSessions ? Status.PASS : Status.WARN, measured, seesSessions
                ? "needs a writable session and CREATE on the history schema, or on the database to create it"
                : "grant pg_read_all_stats (or pg_monitor) for complete reports of the sessions blocking a migration");
    }

    static Check history(GuardContext c) {
        List<String> bad = new ArrayList<>();
        for (Reconciled r : c.states()) {
            if (r.state() == MigrationState.FAILED || r.state() == MigrationState.PARTIALLY_APPLIED) {
                bad.add(r.version() + " " + r.state().label());
            }
        }
        return new Check("history", bad.isEmpty() ? Status.PASS : Status.FAIL,
                bad.isEmpty() ? "no failed or partially applied migration" : String.join(", ", bad),
                "fail on a failed or partially applied migration");
    }

    static Check files(GuardContext c) {
        long pending = c.states().stream().filter(r -> r.state().runnable()).count();
        if (!c.issues().isEmpty()) {
            return new Check("files", Status.FAIL, c.issues().size() + " problem(s): " + c.issues().get(0).message(),
                    "files and history must agree (lockstep validate)");
        }
        return new Check("files", Status.PASS, pending + " pending, none changed, missing or out of order", "");
    }

    static Check longQueries(GuardContext c) throws SQLException {
        LockstepConfig s = c.config();
        String sql = "SELECT a.pid, coalesce(a.application_name, ''), a.state, extract(epoch FROM now() - "
                + "CASE WHEN a.state = 'active' THEN a.query_start ELSE a.xact_start END), left(coalesce(a.query, ''), 80), "
                + "EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation IN "
                + "(SELECT to_regclass(t) FROM unnest(?::text[]) t)) "
                + "FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid() AND a.backend_type = 'client backend' "
                + "AND ((a.state = 'active' AND now() - a.query_start > ? * interval '1 millisecond') "
                + "OR (a.state LIKE 'idle in transaction%' AND now() - a.xact_start > ? * interval '1 millisecond')) "
                + "ORDER BY 4 DESC";
        List<String> found = new ArrayList<>();
        boolean onAffected = false;
        try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
            Array tables = c.connection().createArrayOf("text", c.affectedTables().toArray());
            ps.setArray(1, tables);
            ps.setLong(2, s.get(Setting.LONG_QUERY).toMillis());
            ps.setLong(3, s.get(Setting.LONG_QUERY).toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean affected = rs.getBoolean(6);
                    onAffected |= affected;
                    found.add("pid " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + " for "
                            + Durations.format(Duration.ofMillis((long) (rs.getDouble(4) * 1000))) + (affected
                            ? ", on a table the migrations touch" : "") + "): " + rs.getString(5).strip());
                }
            }
        }
        Status status = found.isEmpty() ? Status.PASS : onAffected ? Status.FAIL : Status.WARN;
        return new Check("long queries", status, found.isEmpty() ? "none" : String.join("; ", found),
                "over " + Durations.format(s.get(Setting.LONG_QUERY)) + " (fail when on a table the pending migrations touch)");
    }

    static Check connections(GuardContext c) throws SQLException {
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery(
                "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'), "
                        + "current_setting('max_connections')::int")) {
            rs.next();
            int used = rs.getInt(1);
            int max = rs.getInt(2);
            double percent = used * 100.0 / Math.max(1, max);
            int limit = c.config().get(Setting.MAX_CONNECTIONS_PERCENT);
            return new Check("connections", percent >= limit ? Status.FAIL : Status.PASS, used + " of " + max + " ("
                    + String.format(java.util.Locale.ROOT, "%.0f", percent) + "%)", "fail at " + limit + "%");
        }
    }

    static Check replication(GuardContext c) throws SQLException {
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*), coalesce(max(extract(epoch FROM replay_lag)), 0) FROM pg_stat_replication")) {
            rs.next();
            int replicas = rs.getInt(1);
            Duration lag = Duration.ofMillis((long) (rs.getDouble(2) * 1000));
            Duration max = c.config().get(Setting.MAX_REPLICATION_LAG);
            return new Check("replication lag", lag.compareTo(max) > 0 ? Status.FAIL : Status.PASS,
                    replicas == 0 ? "no replicas" : replicas + " replica(s), lag " + Durations.format(lag),
                    "fail over " + Durations.format(max));
        }
    }

    static Check size(GuardContext c) throws SQLException {
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            return new Check("database size", Status.PASS, rs.getString(1) + " (free disk is not visible over SQL; "
                    + "a backup needs about this much, compressed less)", "");
        }
    }

    static Check backup(GuardContext c) {
        String prefix = c.config().environment();
        BackupManifest newest = Backups.list(c.config().path(Setting.BACKUP_DIR)).stream()
                .filter(m -> prefix == null || prefix.equals(m.environment())).findFirst().orElse(null);
        Duration max = c.config().get(Setting.BACKUP_MAX_AGE);
        if (newest == null) {
            return new Check("recent backup", Status.WARN, "none in " + c.config().shown(c.config().path(Setting.BACKUP_DIR)),
                    "younger than " + Durations.format(max) + " (take one with lockstep backup)");
        }
        Duration age = Duration.between(Instant.parse(newest.createdAt()), c.config().clock().instant());
        return new Check("recent backup", age.compareTo(max) > 0 ? Status.WARN : Status.PASS,
                newest.file() + ", " + Durations.format(age) + " old", "younger than " + Durations.format(max));
    }

    static Check window(GuardContext c) {
        LockstepConfig s = c.config();
        if (s.get(Setting.DENY_WINDOW) == null) {
            return new Check("deploy window", Status.PASS, "no window configured", "");
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(c.config().clock().instant(), s.get(Setting.TIME_ZONE));
        LocalTime from = LocalTime.parse(s.get(Setting.DENY_WINDOW).substring(0, 5));
        LocalTime to = LocalTime.parse(s.get(Setting.DENY_WINDOW).substring(6));
        boolean weekend = now.getDayOfWeek() == DayOfWeek.SATURDAY || now.getDayOfWeek() == DayOfWeek.SUNDAY;
        LocalTime t = now.toLocalTime();
        boolean inside = !(s.get(Setting.WEEKDAYS_ONLY) && weekend) && !t.isBefore(from) && t.isBefore(to);
        String measured = now.getDayOfWeek().toString().substring(0, 3) + " " + t.withNano(0) + " " + s.get(Setting.TIME_ZONE);
        String threshold = "deny " + s.get(Setting.DENY_WINDOW) + (s.get(Setting.WEEKDAYS_ONLY) ? " on weekdays" : "");
        if (!inside) {
            return new Check("deploy window", Status.PASS, measured, threshold);
        }
        if (c.outsideWindowReason() != null) {
            return new Check("deploy window", Status.WARN, measured + ", overridden: " + c.outsideWindowReason(),
                    threshold);
        }
        return new Check("deploy window", Status.FAIL, measured + " is inside the denied window", threshold
                + " (override with --outside-window-reason \"...\")");
    }

    static Check environment(GuardContext c) {
        LockstepConfig s = c.config();
        List<String> missing = s.get(Setting.REQUIRED_ENV).stream().filter(n -> !s.variablePresent(n)).toList();
        if (s.get(Setting.REQUIRED_ENV).isEmpty()) {
            return new Check("environment variables", Status.PASS, "none required", "");
        }
        return new Check("environment variables", missing.isEmpty() ? Status.PASS : Status.FAIL,
                missing.isEmpty() ? "all " + s.get(Setting.REQUIRED_ENV).size() + " set" : "missing: " + String.join(", ", missing),
                "required: " + String.join(", ", s.get(Setting.REQUIRED_ENV)));
    }
}
