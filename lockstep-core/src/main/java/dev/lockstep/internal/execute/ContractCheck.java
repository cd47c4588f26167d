package dev.lockstep.internal.execute;

import dev.lockstep.Durations;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.VerifyCheck;
import dev.lockstep.VerifyReport;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.verify.Verifier;
import dev.lockstep.spi.RunListener;
import java.time.Duration;
import java.util.List;

/**
 * {@code contract-requires}: what must be true of the world before contract migrations run, typically that
 * every instance of the application runs the release that no longer needs the old schema. A URL must
 * answer 200; anything else is a shell command that must exit 0.
 */
final class ContractCheck {
    private ContractCheck() {
    }

    /** Refuses (exit 3) when the configured check does not pass; does nothing when none is configured. */
    static void require(LockstepConfig config, RunListener listener, List<String> contract) {
        String requires = config.get(Setting.CONTRACT_REQUIRES);
        if (requires == null || requires.isBlank()) {
            listener.notice("contract phase: no contract-requires configured; applying " + String.join(", ", contract));
            return;
        }
        Duration timeout = config.get(Setting.CONTRACT_TIMEOUT);
        boolean url = requires.startsWith("http://") || requires.startsWith("https://");
        VerifyCheck check = url ? new VerifyCheck.Http(requires.strip(), 200, timeout)
                : new VerifyCheck.Command(requires, timeout);
        VerifyReport.Result result = new Verifier(config, listener).smoke(check);
        if (!result.passed()) {
            throw new LockstepException(ErrorCode.CONTRACT_NOT_READY, "contract-requires did not pass, so contract migration(s) "
                    + String.join(", ", contract) + " wait: " + (url ? "GET " + requires : "'" + requires + "'")
                    + ": " + result.detail() + "; nothing was applied",
                    "finish rolling out the application that no longer needs the old schema, then run the contract "
                            + "phase again (the check may take up to contract-timeout, now "
                            + Durations.exact(timeout) + ")");
        }
        listener.notice("contract phase: " + (url ? "GET " + requires : "'" + requires + "'") + " passed");
    }
}
