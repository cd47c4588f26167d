package dev.lockstep;

import java.util.List;

/**
 * An approval of a saved deploy plan, as {@code approve} recorded it in the audit table.
 *
 * @param user the approver (the operating-system user), the identity counted
 * @param gitUser {@code name <email>} of git's configuration in the working directory, or null
 * @param approvers everyone who approved this plan's hash so far, this approval included
 * @param required the approvals the environment needs ({@code approvals}), not counting the deployer's own
 */
public record Approval(String planHash, String environment, String database, String user, String gitUser,
                       String host, String approvedAt, List<String> approvers, int required) {
}
