package dev.lockstep.spring;

import dev.lockstep.error.LockstepException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up stopped by Lockstep shows Lockstep's message and hint, not a stack of bean errors. */
public class LockstepFailureAnalyzer extends AbstractFailureAnalyzer<LockstepException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockstepException cause) {
        return new FailureAnalysis("Lockstep stopped the start-up: " + cause.getMessage() + " (" + cause.code()
                + ", " + cause.code().docsAnchor() + ")", cause.hint() == null ? "" : cause.hint(), cause);
    }
}
