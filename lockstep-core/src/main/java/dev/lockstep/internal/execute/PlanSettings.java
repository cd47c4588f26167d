package dev.lockstep.internal.execute;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings that change what a deploy does to the target, and so belong to a reviewed plan: a plan
 * reviewed with a 1s lock timeout is not the plan that runs with 30s. Connection details, paths, notifications
 * and report settings do not change the SQL or how it runs, and are left out.
 */
final class PlanSettings {
    static final List<Setting<?>> ALL = List.of(Setting.HISTORY_SCHEMA, Setting.OUT_OF_ORDER, Setting.ALLOW_NON_EMPTY,
            Setting.ALLOW_UNSAFE, Setting.CONTRACT_REQUIRES, Setting.LOCK_TIMEOUT, Setting.LOCK_RETRIES,
            Setting.BLOCKER_WAIT, Setting.CANCEL_BLOCKERS, Setting.DDL_STATEMENT_TIMEOUT,
            Setting.IDLE_IN_TRANSACTION_TIMEOUT, Setting.MAX_REPLICATION_LAG, Setting.LINT_PG_VERSION,
            Setting.LINT_DISABLE, Setting.LINT_ENABLE, Setting.LINT_SEVERITY);

    private PlanSettings() {
    }

    /** Each setting's value as text (null when unset), by its name in lockstep.toml. */
    static Map<String, String> of(LockstepConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            out.put(s.name(), text(config, s));
        }
        return out;
    }

    private static <T> String text(LockstepConfig config, Setting<T> s) {
        T value = config.get(s);
        return value == null ? null : s.type().format(value);
    }
}
