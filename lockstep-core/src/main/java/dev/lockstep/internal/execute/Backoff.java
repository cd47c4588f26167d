package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.Setting;
import dev.lockstep.internal.pg.PgSqlState;
import dev.lockstep.internal.sql.SqlStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: 200ms, 400ms, 800ms ... capped at 10s, each scaled by 0.5–1.5. */
final class Backoff {
    private static final long BASE_MS = 200;
    private static final long CAP_MS = 10_000;

    private Backoff() {
    }

    /**
     * After a lock request timed out: pauses with backoff and says so when another attempt is allowed
     * (retries left and blocker-wait not spent), else returns false.
     */
    static boolean retry(RunContext ctx, String label, PreparedScript script, SqlStatement s, SQLException e,
                         int attempt, WaitBudget budget, Duration lockTimeout) {
        if (!PgSqlState.LOCK_NOT_AVAILABLE.matches(e) || attempt >= ctx.get(Setting.LOCK_RETRIES) || budget.spent()) {
            return false;
        }
        long delay = budget.pause(delayMillis(attempt, ctx.random()));
        ctx.listener().notice(label + ": lock not available within " + Durations.format(lockTimeout) + " at "
                + script.location(s.offset()) + "; retry " + (attempt + 1) + "/" + ctx.get(Setting.LOCK_RETRIES) + " in "
                + delay + "ms");
        ctx.sleeper().sleep(delay);
        return true;
    }

    static long delayMillis(int attempt, RandomGenerator random) {
        long exp = Math.min(CAP_MS, BASE_MS << Math.min(attempt, 16));
        return Math.max(1, Math.round(exp * (0.5 + random.nextDouble())));
    }
}
