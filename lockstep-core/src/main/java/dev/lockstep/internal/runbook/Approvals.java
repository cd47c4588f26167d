package dev.lockstep.internal.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Identifiers;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Approvals of saved deploy plans, kept in the target's audit table ({@code step = 'approve'}, {@code run_id} =
 * the plan's hash): where every deployer of that database finds them, whichever machine it deploys from.
 */
final class Approvals {
    static final String STEP = "approve";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Approvals() {
    }

    /** Records an approval; a failure to write it is an error, as nothing else records it. */
    static void record(LockstepConfig config, RunListener listener, String planHash, Map<String, Object> entry) {
        try (Session session = Session.open(config, listener, "lockstep approve")) {
            Connection c = session.connect();
            try {
                String table = AuditLog.createTable(c, config.get(Setting.HISTORY_SCHEMA));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                        + " (run_id, step, outcome, entry) VALUES (?, ?, 'approved', ?::jsonb)")) {
                    ps.setString(1, planHash);
                    ps.setString(2, STEP);
                    ps.setString(3, JSON.writeValueAsString(entry));
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw session.unexpected(e, "recording the approval");
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("approval entries are plain values", e);
            }
        }
    }

    /** Who approved a plan's hash, each user once, in the order of their first approval. */
    static List<String> approvers(LockstepConfig config, RunListener listener, String planHash) {
        String schema = config.get(Setting.HISTORY_SCHEMA);
        try (Session session = Session.open(config, listener, "lockstep deploy")) {
            Connection c = session.connect();
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                    ps.setString(1, Identifiers.quote(schema) + "." + AuditLog.TABLE);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            return List.of();
                        }
                    }
                }
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT entry->>'user' FROM " + Identifiers.quote(schema)
                        + "." + AuditLog.TABLE + " WHERE step = ? AND run_id = ? GROUP BY 1 ORDER BY min(id)")) {
                    ps.setString(1, STEP);
                    ps.setString(2, planHash);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return List.copyOf(out);
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the approvals");
            }
        }
    }

    /**
     * Refuses (exit 3) unless {@code approvals} people other than the deployer approved the hash; returns those
     * who did.
     */
    static List<String> require(LockstepConfig config, RunListener listener, String planHash, String shortHash,
                                String deployer, String planFile) {
        int needed = config.get(Setting.APPROVALS);
        List<String> approvers = approvers(config, listener, planHash);
        List<String> others = approvers.stream().filter(u -> !u.equals(deployer)).toList();
        if (others.size() < needed) {
            String env = config.environment() == null ? "this target" : "environment '" + config.environment() + "'";
            throw new LockstepException(ErrorCode.APPROVALS_MISSING, env + " needs " + needed + " approval(s) of plan "
                    + shortHash + " by people other than the deployer (" + deployer + "); it has " + others.size()
                    + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")")
                    + (approvers.contains(deployer) ? "; the deployer's own approval does not count" : "")
                    + "; nothing was done", "ask " + (needed - others.size()) + " more reviewer(s) to run 'lockstep "
                    + "approve " + planFile + (config.environment() == null ? "" : " --env " + config.environment())
                    + "'");
        }
        return others;
    }
}
