package dev.lockstep.internal.execute;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.Linter;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.util.List;

/**
 * The lint gate of {@code migrate} and {@code deploy}: lints the scripts a plan would run and refuses
 * to run any of them while an error-level finding is not suppressed or allowed.
 */
public final class LintGate {
    private final Linter linter;
    private final boolean allowUnsafe;

    public LintGate(Linter linter, boolean allowUnsafe) {
        this.linter = linter;
        this.allowUnsafe = allowUnsafe;
    }

    /**
     * Findings for what an item runs: a pending migration's up script and its down script (only what would
     * make the down script fail to run), a rollback's down script likewise.
     */
    public List<Violation> findings(PlanItem item) {
        if (item.action() == PlanItem.Action.ROLLBACK) {
            return linter.lintDown(item.migration());
        }
        return linter.lintPending(item.migration());
    }

    /** The findings that stop a run. */
    public List<Violation> blocking(List<Violation> findings) {
        return blocking(findings, allowUnsafe);
    }

    /** The findings that stop a run: every error, unless unsafe migrations are allowed. */
    public static List<Violation> blocking(List<Violation> findings, boolean allowUnsafe) {
        return allowUnsafe ? List.of() : findings.stream().filter(v -> v.severity() == Severity.ERROR).toList();
    }

    /** Throws, listing them, when any finding blocks; nothing has run yet. */
    public static void refuse(List<Violation> blocking) {
        if (blocking.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(blocking.size() + " lint error" + (blocking.size() == 1 ? "" : "s")
                + " in pending migrations; nothing was applied:");
        for (Violation v : blocking) {
            sb.append("\n  ").append(v.span()).append(": ").append(v.rule()).append(": ").append(v.message());
        }
        throw new LockstepException(ErrorCode.BLOCKED, sb.toString(), "fix them (lockstep lint shows what to write "
                + "instead), suppress one with -- lockstep:ignore <rule> <reason>, or pass --allow-unsafe");
    }
}
