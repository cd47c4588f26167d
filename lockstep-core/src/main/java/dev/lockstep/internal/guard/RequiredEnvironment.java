package dev.lockstep.internal.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.PreflightReport.Check;
import dev.lockstep.PreflightReport.Status;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.config.ConfigLoader;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.Reconciler;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code requires} check: the environment this one requires (e.g. staging before production) must
 * already have every migration pending here, applied with the same checksum (its own history) and
 * followed by a passing verify step (its own audit table, written by {@code deploy} with
 * {@code audit-table}). A reason given with {@code --skip-requires-reason} turns a failure into a warning.
 */
final class RequiredEnvironment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequiredEnvironment() {
    }

    static Check check(GuardContext ctx, RunListener listener) {
        LockstepConfig config = ctx.config();
        String required = config.get(Setting.REQUIRES);
        String threshold = "requires = \"" + required + "\": pending migrations deployed there first, same checksum, "
                + "verify passed";
        List<Reconciled> pending = ctx.states().stream().filter(r -> r.migration() != null && r.state().runnable())
                .toList();
        if (required.equals(config.environment())) {
            return new Check("required environment", Status.FAIL, "environment " + required + " requires itself",
                    threshold);
        }
        if (pending.isEmpty()) {
            return new Check("required environment", Status.PASS, "nothing pending", threshold);
        }
        List<String> missing;
        try {
            missing = missingOn(config, required, pending, listener);
        } catch (LockstepException | SQLException e) {
            missing = List.of("cannot check " + required + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (missing.isEmpty()) {
            return new Check("required environment", Status.PASS, "all " + pending.size() + " pending migration(s) "
                    + "deployed on " + required + " with the same checksum, verify passed", threshold);
        }
        String reason = config.get(Setting.SKIP_REQUIRES_REASON);
        if (reason != null && !reason.isBlank()) {
            return new Check("required environment", Status.WARN, "overridden (" + reason + "): "
                    + String.join("; ", missing), threshold);
        }
        return new Check("required environment", Status.FAIL, String.join("; ", missing), threshold
                + " (deploy to " + required + " first, or override with --skip-requires-reason \"...\")");
    }

    /** What the required environment lacks, one entry per pending migration; empty when it has them all. */
    private static List<String> missingOn(LockstepConfig config, String required, List<Reconciled> pending,
                                          RunListener listener) throws SQLException {
        LockstepConfig other = new ConfigLoader(config.variables(), config.workDir(), config.clock())
                .load(Map.of(), required);
        String url = other.get(Setting.URL);
        boolean own = url != null && (other.source(Setting.URL).endsWith("[env." + required + "]")
                || other.source(Setting.URL).equals(other.get(Setting.URL_ENV)));
        if (!own) {
            return List.of("environment " + required + " names no database of its own (set url or url-env in "
                    + "[env." + required + "])");
        }
        if (url.equals(config.get(Setting.URL))) {
            return List.of("environment " + required + " names the same database as this one");
        }
        HistoryStore history = new HistoryStore(other.get(Setting.HISTORY_SCHEMA));
        try (Session session = Session.open(other, listener, "lockstep preflight (requires)")) {
            Connection c = session.connect();
            List<Reconciled> there = new Reconciler().reconcile(files(pending), history.readAll(c));
            List<AuditRow> audit = audit(c, history.schema());
            List<String> out = new ArrayList<>();
            for (Reconciled here : pending) {
                Reconciled r = there.stream().filter(t -> t.migration() == here.migration()).findFirst().orElse(null);
                String problem = problem(here.migration(), r, audit, required);
                if (problem != null) {
                    out.add(problem);
                }
            }
            if (audit == null && !out.isEmpty()) {
                out.add(other.get(Setting.AUDIT_TABLE)
                        ? "no deploy has run on " + required + " yet (its audit table does not exist): deploy there"
                        : required + " keeps no audit table: set audit-table = true in [env." + required
                                + "] and deploy there");
            }
            return out;
        }
    }

    private static String problem(ResolvedMigration m, Reconciled there, List<AuditRow> audit, String required) {
        String name = m.version() == null ? "repeatable '" + m.description() + "'" : m.version().text();
        MigrationState state = there == null ? MigrationState.PENDING : there.state();
        if (state == MigrationState.CHANGED || state == MigrationState.OUTDATED) {
            return name + " is on " + required + " with another checksum";
        }
        if (state != MigrationState.APPLIED) {
            return name + " is not applied on " + required;
        }
        if (m.version() == null) {
            return null;
        }
        int deployed = -1;
        for (int i = 0; audit != null && i < audit.size(); i++) {
            AuditRow a = audit.get(i);
            if (a.step().equals("migrate") && a.outcome().equals("ok") && a.migrations().contains(m.version())) {
                deployed = i;
            }
        }
        if (deployed < 0) {
            return name + " was not applied by a deploy on " + required + " (no verify step ran after it)";
        }
        AuditRow verify = null;
        for (int i = deployed + 1; i < audit.size(); i++) {
            if (audit.get(i).step().equals("verify")) {
                verify = audit.get(i);
            }
        }
        if (verify == null) {
            return name + " was not verified on " + required;
        }
        return verify.outcome().equals("ok") ? null : name + " failed verification on " + required + " ("
                + verify.detail() + ")";
    }

    private static MigrationSet files(List<Reconciled> pending) {
        List<ResolvedMigration> versioned = new ArrayList<>();
        List<ResolvedMigration> repeatable = new ArrayList<>();
        for (Reconciled r : pending) {
            (r.migration().version() == null ? repeatable : versioned).add(r.migration());
        }
        return new MigrationSet(null, null, versioned, repeatable);
    }

    record AuditRow(String step, String outcome, String detail, List<MigrationVersion> migrations) {
    }

    /** The audit table's rows, oldest first; null when there is none. */
    private static List<AuditRow> audit(Connection c, String schema) throws SQLException {
        String table = Identifiers.quote(schema) + ".lockstep_audit";
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        List<AuditRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT step, outcome, entry::text FROM " + table + " ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<MigrationVersion> versions = new ArrayList<>();
                String detail = "";
                try {
                    JsonNode entry = JSON.readTree(rs.getString(3));
                    entry.path("migrations").forEach(v -> {
                        if (MigrationVersion.isVersion(v.asText())) {
                            versions.add(MigrationVersion.parse(v.asText()));
                        }
                    });
                    detail = entry.path("detail").asText("");
                } catch (IOException e) {
                    // An entry that is not JSON names no migration.
                }
                out.add(new AuditRow(rs.getString(1), rs.getString(2), detail, versions));
            }
        }
        return out;
    }
}
