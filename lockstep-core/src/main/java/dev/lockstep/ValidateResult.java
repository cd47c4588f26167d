package dev.lockstep;

import java.util.List;

/** The outcome of {@code validate}: how many migrations were checked and what disagrees. */
public record ValidateResult(String database, int checked, List<ValidationIssue> issues) {

    public boolean valid() {
        return issues.isEmpty();
    }
}
