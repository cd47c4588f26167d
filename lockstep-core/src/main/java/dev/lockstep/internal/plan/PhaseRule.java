package dev.lockstep.internal.plan;

import dev.lockstep.MigrationState;
import dev.lockstep.Phase;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.Reconciled;
import java.util.List;

/** The order of expand and contract: a contract phase starts only when every expand migration is applied. */
final class PhaseRule {
    private PhaseRule() {
    }

    static boolean isContract(ResolvedMigration m) {
        return m != null && m.directives() != null && m.directives().phase() == Phase.CONTRACT;
    }

    private static boolean isExpand(ResolvedMigration m) {
        return m != null && m.directives() != null && m.directives().phase() == Phase.EXPAND;
    }

    /** Refuses (exit 3) naming them when expand migrations are not applied yet. */
    static void requireExpandApplied(List<Reconciled> states) {
        List<String> notApplied = states.stream()
                .filter(r -> isExpand(r.migration()) && r.state() != MigrationState.APPLIED
                        && r.state() != MigrationState.BELOW_BASELINE)
                .map(r -> r.version() + " (" + r.migration().script() + ", " + r.state().label() + ")")
                .toList();
        if (!notApplied.isEmpty()) {
            throw new LockstepException(ErrorCode.CONTRACT_NOT_READY, "the contract phase needs every expand migration applied; "
                    + "not applied: " + String.join(", ", notApplied) + "; nothing was applied",
                    "run 'lockstep migrate --phase expand', deploy the application that no longer needs the old "
                            + "schema, then run the contract phase again");
        }
    }
}
