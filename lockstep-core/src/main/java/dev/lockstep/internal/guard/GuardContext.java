package dev.lockstep.internal.guard;

import dev.lockstep.LockstepConfig;
import dev.lockstep.ValidationIssue;
import dev.lockstep.internal.state.Reconciled;
import java.sql.Connection;
import java.util.List;
import java.util.Set;

/**
 * What the preflight checks look at: the configuration, an open connection, the migrations' states
 * and issues, the tables the pending migrations touch, and a reason given for running outside the
 * deploy window (or null).
 */
record GuardContext(LockstepConfig config, Connection connection, String database, String serverVersion,
                    long connectMillis, List<Reconciled> states, List<ValidationIssue> issues,
                    Set<String> affectedTables, String outsideWindowReason) {
}
