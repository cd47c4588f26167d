package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrationState;
import dev.lockstep.Phase;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.spi.RunListener;
import java.util.List;

/**
 * What a migrate plan must satisfy beyond the files and the history: the reviewed plan it was promised to be
 * ({@code deploy --plan}), and the phase it runs in (contract migrations wait, then need
 * {@code contract-requires} to pass).
 */
final class PhaseGuard {
    private PhaseGuard() {
    }

    static Plan check(Plan plan, MigrateOptions options, LockstepConfig config, RunListener listener) {
        Migrator.checked(plan);
        if (options.expectedPlan() != null && !options.expectedPlan().equals(plan.digest())) {
            throw new LockstepException(ErrorCode.PLAN_CHANGED, "the migrations to apply changed after the plan was "
                    + "checked (another runner, or a file edited meanwhile): now " + describe(plan)
                    + "; nothing was applied", "save a new plan with 'lockstep deploy --dry-run --plan-out FILE' and "
                    + "have it reviewed");
        }
        if (options.phase() == Phase.CONTRACT) {
            List<String> contract = plan.items().stream()
                    .filter(i -> i.migration().directives().phase() == Phase.CONTRACT).map(PhaseGuard::id).toList();
            if (contract.isEmpty()) {
                listener.notice("contract phase: no contract migration is waiting");
            } else {
                ContractCheck.require(config, listener, contract);
            }
        } else {
            List<String> waiting = plan.state().states().stream().filter(r -> r.state() == MigrationState.WAITING)
                    .map(r -> r.version()).toList();
            if (!waiting.isEmpty()) {
                listener.notice(waiting.size() + " contract migration(s) wait for 'migrate --phase contract': "
                        + String.join(", ", waiting));
            }
        }
        return plan;
    }

    private static String describe(Plan plan) {
        return plan.items().isEmpty() ? "nothing to apply" : String.join(", ", plan.ids());
    }

    private static String id(PlanItem item) {
        return item.migration().id();
    }
}
